package dev.suture.core.rollout;

import java.util.EnumSet;
import java.util.Set;

/**
 * Rollout lifecycle (DESIGN §3). Allowed transitions are listed per constant; HALTED is a resting
 * state (it waits for an operator when rollback is manual) but not terminal.
 */
public enum RolloutState {
  PENDING_APPROVAL, SCHEDULED, WAITING_FOR_WINDOW, RUNNING, PAUSED, SUCCEEDED, HALTED, ROLLING_BACK,
  ROLLED_BACK, ROLLBACK_FAILED, ABORTED;

  private Set<RolloutState> next;

  static {
    PENDING_APPROVAL.next = EnumSet.of(SCHEDULED, ABORTED);
    // HALTED before RUNNING: the plan's maintenance window does not exist, or an operator aborts a
    // rollout waiting for its next window after an earlier one touched targets (they roll back).
    SCHEDULED.next = EnumSet.of(WAITING_FOR_WINDOW, RUNNING, HALTED, ABORTED);
    WAITING_FOR_WINDOW.next = EnumSet.of(RUNNING, HALTED, ABORTED);
    // WAITING_FOR_WINDOW: the window reached its cutoff mid-wave; the wave resumes at the next opening.
    RUNNING.next = EnumSet.of(PAUSED, WAITING_FOR_WINDOW, SUCCEEDED, HALTED, ABORTED);
    PAUSED.next = EnumSet.of(RUNNING, HALTED, ABORTED);
    HALTED.next = EnumSet.of(ROLLING_BACK, ABORTED);
    ROLLING_BACK.next = EnumSet.of(ROLLED_BACK, ROLLBACK_FAILED);
    SUCCEEDED.next = EnumSet.noneOf(RolloutState.class);
    ROLLED_BACK.next = EnumSet.noneOf(RolloutState.class);
    ROLLBACK_FAILED.next = EnumSet.noneOf(RolloutState.class);
    ABORTED.next = EnumSet.noneOf(RolloutState.class);
  }

  public boolean canTransitionTo(RolloutState target) { return next.contains(target); }

  public Set<RolloutState> allowedNext() { return EnumSet.copyOf(next.isEmpty() ? EnumSet.noneOf(RolloutState.class) : next); }

  public RolloutState transitionTo(RolloutState target) {
    if (!canTransitionTo(target)) throw new IllegalTransitionException("rollout", name(), target.name());
    return target;
  }

  public boolean isTerminal() { return next.isEmpty(); }

  /** States in which an engine node owns and drives the rollout. */
  public boolean isDriven() {
    return this == SCHEDULED || this == WAITING_FOR_WINDOW || this == RUNNING || this == PAUSED || this == ROLLING_BACK;
  }
}
