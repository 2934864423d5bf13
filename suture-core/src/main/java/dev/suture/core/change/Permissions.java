package dev.suture.core.change;

import static dev.suture.core.change.ChangeDecisions.holdsAny;

import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;

/**
 * Who may do what to a change request, including separation of duties. Enforced here, in the
 * domain, and not only by the REST role annotations: the requester of a change never decides it,
 * whatever roles they hold (ADMIN included).
 */
final class Permissions {
  private final ChangePolicy policy;

  Permissions(ChangePolicy policy) { this.policy = policy; }

  void requireSubmitter(Actor actor, ChangeDraft draft) {
    if (!holdsAny(actor, Role.REQUESTER, Role.OPERATOR, Role.ADMIN))
      throw new NotPermittedException(actor.name() + " may not submit change requests (needs requester, operator or admin)");
    if (!ChangeRequest.samePerson(actor.name(), draft.requester()))
      throw new NotPermittedException(actor.name() + " may not submit a change request in the name of " + draft.requester());
  }

  /** Approve or reject. */
  void requireDecider(ChangeRequest cr, Actor actor, String verb) {
    if (ChangeRequest.samePerson(actor.name(), cr.requester()))
      throw new NotPermittedException(actor.name() + " requested change request " + cr.id() + " and cannot " + verb
          + " it (separation of duties: another person must decide)");
    boolean emergencyAuthority = cr.type() == ChangeType.EMERGENCY && policy.isOnCall(actor.name());
    if (!actor.has(Role.APPROVER) && !emergencyAuthority)
      throw new NotPermittedException(actor.name() + " may not " + verb + " change request " + cr.id() + ": needs the approver role"
          + (cr.type() == ChangeType.EMERGENCY ? " or on-call authority (suture.change.on-call)" : ""));
  }

  void requireCanceller(ChangeRequest cr, Actor actor) {
    if (!ChangeRequest.samePerson(actor.name(), cr.requester()) && !holdsAny(actor, Role.OPERATOR, Role.ADMIN))
      throw new NotPermittedException(actor.name() + " may not cancel change request " + cr.id()
          + ": only its requester, an operator or an admin may");
  }

  /** The post-hoc review checks the emergency; the person who asked for it does not review it. */
  void requireReviewer(ChangeRequest cr, Actor actor) {
    if (ChangeRequest.samePerson(actor.name(), cr.requester()))
      throw new NotPermittedException(actor.name() + " requested change request " + cr.id() + " and cannot review it");
    if (!holdsAny(actor, Role.APPROVER, Role.OPERATOR))
      throw new NotPermittedException(actor.name() + " may not record the review of change request " + cr.id()
          + ": needs the approver or operator role");
  }
}
