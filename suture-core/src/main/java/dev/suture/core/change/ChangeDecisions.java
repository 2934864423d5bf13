package dev.suture.core.change;

import static dev.suture.core.change.Change.subject;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import dev.suture.core.engine.ConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of change requests as pure functions: each takes the current request and who acts,
 * and returns the new request with its audit records, or refuses. Persistence (and the retry on a
 * concurrent save) belongs to {@link ChangeService}.
 */
public final class ChangeDecisions {
  private final ChangePolicy policy;
  private final FreezeCheck freezes;
  private final Permissions permissions;

  public ChangeDecisions(ChangePolicy policy, FreezeCheck freezes) {
    this.policy = policy;
    this.freezes = freezes;
    this.permissions = new Permissions(policy);
  }

  public ChangePolicy policy() { return policy; }

  public Change submit(String id, ChangeDraft draft, Actor actor, Instant now) {
    permissions.requireSubmitter(actor, draft);
    ChangeRequest cr = ChangeRequest.submitted(id, draft, now);
    List<AuditRecord> audit = new ArrayList<>();
    audit.add(AuditRecord.of(actor.name(), "cr.submitted", subject(cr), "type", draft.type().wireName(), "patch", draft.patchId(),
        "plan", draft.planName(), "environments", List.copyOf(draft.environments()), "title", draft.title(),
        "justification", draft.justification()));
    if (draft.type() != ChangeType.STANDARD) return new Change(cr, audit);
    if (!policy.standardPlans().contains(draft.planName()))
      throw new InvalidChangeException("type", "plan '" + draft.planName() + "' is not a standard change template "
          + "(suture.change.standard-plans); submit a normal change instead");
    refuseIfFrozen(cr, now, "submit standard");
    cr = cr.with(cr.state().transitionTo(ChangeState.APPROVED), List.of(), now, null, null, null, now);
    audit.add(AuditRecord.of(actor.name(), "cr.approved", subject(cr), "basis", "standard template " + draft.planName(),
        "approvals", 0, "quorum", 0, "state", cr.state().name()));
    return new Change(cr, audit);
  }

  public Change approve(ChangeRequest cr, Actor actor, String comment, Instant now) {
    requireState(cr, ChangeState.SUBMITTED, "approve");
    permissions.requireDecider(cr, actor, "approve");
    int needed = cr.type() == ChangeType.NORMAL ? policy.quorum() : 1;
    if (cr.approvedBy(actor.name()))
      throw new ConflictException(actor.name() + " has already approved change request " + cr.id() + "; the quorum counts distinct "
          + "people (" + cr.approvers().size() + " of " + needed + ")");
    List<AuditRecord> audit = new ArrayList<>();
    List<String> frozen = freezes.activeFreezes(now, cr.draft().environments());
    if (!frozen.isEmpty()) {
      if (cr.type() != ChangeType.EMERGENCY) refuseIfFrozen(cr, now, "approve");
      if (cr.draft().freezeOverride() == null)
        throw new ConflictException("cannot approve emergency change request " + cr.id() + ": " + String.join("; ", frozen)
            + "; an emergency change may proceed during a freeze only with a freezeOverride justification");
      audit.add(AuditRecord.of(actor.name(), "cr.freeze_overridden", subject(cr), "freezes", frozen,
          "justification", cr.draft().freezeOverride()));
    }
    List<Approval> approvals = new ArrayList<>(cr.approvals());
    approvals.add(new Approval(actor.name(), now, comment));
    ChangeRequest next = cr.with(cr.state(), approvals, null, null, null, null, now);
    int have = next.approvers().size();
    if (have >= needed) {
      Review review = cr.type() == ChangeType.EMERGENCY ? Review.dueAt(now.plus(policy.reviewDue())) : null;
      next = next.with(cr.state().transitionTo(ChangeState.APPROVED), approvals, now, null, review, null, now);
    }
    audit.add(AuditRecord.of(actor.name(), "cr.approved", subject(cr), "comment", comment == null ? "" : comment.strip(),
        "approvals", have, "quorum", needed, "state", next.state().name(),
        "reviewDue", next.review() == null ? null : next.review().due().toString()));
    return new Change(next, audit);
  }

  public Change reject(ChangeRequest cr, Actor actor, String reason, Instant now) {
    Rejection rejection = new Rejection(actor.name(), now, reason);
    requireState(cr, ChangeState.SUBMITTED, "reject");
    permissions.requireDecider(cr, actor, "reject");
    ChangeRequest next = cr.with(cr.state().transitionTo(ChangeState.REJECTED), cr.approvals(), null, rejection, null, null, now);
    return new Change(next, List.of(AuditRecord.of(actor.name(), "cr.rejected", subject(cr), "reason", rejection.reason())));
  }

  public Change cancel(ChangeRequest cr, Actor actor, Instant now) {
    permissions.requireCanceller(cr, actor);
    if (!cr.state().canTransitionTo(ChangeState.CANCELLED))
      throw new ConflictException("cannot cancel change request " + cr.id() + ": it is already " + cr.state());
    ChangeRequest next = cr.withState(ChangeState.CANCELLED, now);
    return new Change(next, List.of(AuditRecord.of(actor.name(), "cr.cancelled", subject(cr), "previousState", cr.state().name())));
  }

  /** A rollout was created under {@code cr}; {@code overrides} are the promotion-order rules its emergency set aside. */
  public Change implement(ChangeRequest cr, String rolloutId, List<String> overrides, Actor actor, Instant now) {
    requireState(cr, ChangeState.APPROVED, "start a rollout under");
    if (!overrides.isEmpty() && cr.type() != ChangeType.EMERGENCY)
      throw new ConflictException("only an emergency change request may override the promotion order");
    ChangeRequest next = cr.with(cr.state().transitionTo(ChangeState.IMPLEMENTED), cr.approvals(), cr.approvedAt(), null,
        cr.review(), InvalidChangeException.requireText("rollout", rolloutId), now);
    List<AuditRecord> audit = new ArrayList<>();
    if (!overrides.isEmpty())
      audit.add(AuditRecord.of(actor.name(), "cr.promotion_overridden", subject(cr), "rollout", rolloutId, "overridden", overrides,
          "justification", cr.draft().justification()));
    audit.add(AuditRecord.of(actor.name(), "cr.implemented", subject(cr), "rollout", rolloutId));
    return new Change(next, audit);
  }

  public Change recordReview(ChangeRequest cr, Actor actor, String notes, Instant now) {
    if (cr.review() == null)
      throw new ConflictException("change request " + cr.id() + " owes no review: only an approved emergency change is reviewed afterwards");
    if (cr.review().isDone())
      throw new ConflictException("the review of change request " + cr.id() + " was already recorded by " + cr.review().doneBy());
    permissions.requireReviewer(cr, actor);
    boolean late = cr.review().status(now) == Review.Status.OVERDUE;
    ChangeRequest next = cr.withReview(cr.review().done(actor.name(), now, notes), now);
    return new Change(next, List.of(AuditRecord.of(actor.name(), "cr.review_done", subject(cr), "notes", next.review().notes(),
        "due", cr.review().due().toString(), "late", late)));
  }

  /** Emits the overdue event once: empty when the review is not overdue or was already flagged. */
  public Optional<Change> flagOverdue(ChangeRequest cr, Instant now) {
    Review r = cr.review();
    if (r == null || r.overdueFlaggedAt() != null || r.status(now) != Review.Status.OVERDUE) return Optional.empty();
    ChangeRequest next = cr.withReview(r.flaggedOverdue(now), now);
    return Optional.of(new Change(next, List.of(AuditRecord.of(Actor.SYSTEM.name(), "cr.review_overdue", subject(cr),
        "due", r.due().toString(), "requester", cr.requester()))));
  }

  private void refuseIfFrozen(ChangeRequest cr, Instant now, String verb) {
    List<String> frozen = freezes.activeFreezes(now, cr.draft().environments());
    if (!frozen.isEmpty())
      throw new ConflictException("cannot " + verb + " change request " + cr.id() + ": " + String.join("; ", frozen)
          + (cr.type() == ChangeType.EMERGENCY ? "" : "; only an emergency change with a freezeOverride justification may proceed"));
  }

  private static void requireState(ChangeRequest cr, ChangeState required, String verb) {
    if (cr.state() != required)
      throw new ConflictException("cannot " + verb + " change request " + cr.id() + ": it is " + cr.state() + ", not " + required);
  }

  static boolean holdsAny(Actor actor, Role... roles) {
    for (Role r : roles) if (actor.has(r)) return true;
    return false;
  }
}
