package dev.suture.core.change;

import dev.suture.core.rollout.IllegalTransitionException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Change request lifecycle. A standard change passes SUBMITTED -> APPROVED at submission (it is a
 * pre-approved template); IMPLEMENTED means a rollout was started under it, so one approval admits
 * exactly one rollout.
 */
public enum ChangeState {
  SUBMITTED, APPROVED, REJECTED, CANCELLED, IMPLEMENTED;

  private Set<ChangeState> next;

  static {
    SUBMITTED.next = EnumSet.of(APPROVED, REJECTED, CANCELLED);
    APPROVED.next = EnumSet.of(IMPLEMENTED, CANCELLED);
    REJECTED.next = EnumSet.noneOf(ChangeState.class);
    CANCELLED.next = EnumSet.noneOf(ChangeState.class);
    IMPLEMENTED.next = EnumSet.noneOf(ChangeState.class);
  }

  public boolean canTransitionTo(ChangeState target) { return next.contains(target); }

  public Set<ChangeState> allowedNext() { return next.isEmpty() ? EnumSet.noneOf(ChangeState.class) : EnumSet.copyOf(next); }

  public ChangeState transitionTo(ChangeState target) {
    if (!canTransitionTo(target)) throw new IllegalTransitionException("change request", name(), target.name());
    return target;
  }

  public boolean isTerminal() { return next.isEmpty(); }
}
