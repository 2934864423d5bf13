package dev.suture.core.registry;

import dev.suture.core.auth.Role;
import dev.suture.core.rollout.IllegalTransitionException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a patch registry record (curriculum module 7: purpose, approval chain, timeline,
 * outcome). Forward only; CANCELLED is reachable from every non-terminal state so a patch that
 * is no longer needed leaves the queue with a recorded reason instead of lingering.
 */
public enum PatchStatus {
  DRAFT, PROPOSED, APPROVED, SCHEDULED, IN_PROGRESS, DEPLOYED, ROLLED_BACK, CANCELLED;

  private Set<PatchStatus> next;
  private Set<Role> enteredBy;

  static {
    DRAFT.next = EnumSet.of(PROPOSED, CANCELLED);
    PROPOSED.next = EnumSet.of(APPROVED, CANCELLED);
    APPROVED.next = EnumSet.of(SCHEDULED, CANCELLED);
    SCHEDULED.next = EnumSet.of(IN_PROGRESS, CANCELLED);
    IN_PROGRESS.next = EnumSet.of(DEPLOYED, ROLLED_BACK, CANCELLED);
    DEPLOYED.next = EnumSet.noneOf(PatchStatus.class);
    ROLLED_BACK.next = EnumSet.noneOf(PatchStatus.class);
    CANCELLED.next = EnumSet.noneOf(PatchStatus.class);

    // Who may move a record INTO each state (roles are not hierarchical: see Role).
    DRAFT.enteredBy = EnumSet.of(Role.REQUESTER, Role.OPERATOR, Role.ADMIN); // creation
    PROPOSED.enteredBy = EnumSet.of(Role.REQUESTER, Role.OPERATOR);
    APPROVED.enteredBy = EnumSet.of(Role.APPROVER);
    SCHEDULED.enteredBy = EnumSet.of(Role.OPERATOR);
    IN_PROGRESS.enteredBy = EnumSet.of(Role.OPERATOR);
    DEPLOYED.enteredBy = EnumSet.of(Role.OPERATOR);
    ROLLED_BACK.enteredBy = EnumSet.of(Role.OPERATOR);
    CANCELLED.enteredBy = EnumSet.of(Role.REQUESTER, Role.OPERATOR, Role.ADMIN);
  }

  public boolean canTransitionTo(PatchStatus target) { return next.contains(target); }

  public Set<PatchStatus> allowedNext() { return next.isEmpty() ? EnumSet.noneOf(PatchStatus.class) : EnumSet.copyOf(next); }

  public PatchStatus transitionTo(PatchStatus target) {
    if (!canTransitionTo(target)) throw new IllegalTransitionException("patch registry", name(), target.name());
    return target;
  }

  public boolean isTerminal() { return next.isEmpty(); }

  /** The roles any one of which lets a person move a record into this state. */
  public Set<Role> enteredBy() { return EnumSet.copyOf(enteredBy); }

  /** The end of a transition to a terminal state must say why when the patch did not ship. */
  public boolean needsReason() { return this == CANCELLED || this == ROLLED_BACK; }
}
