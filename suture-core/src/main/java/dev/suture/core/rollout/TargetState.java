package dev.suture.core.rollout;

import java.util.EnumSet;
import java.util.Set;

/** One target's progress inside a rollout (DESIGN §3). */
public enum TargetState {
  PENDING, SNAPSHOTTING, APPLYING, VERIFYING, HEALTHY, FAILED, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED, SKIPPED;

  private Set<TargetState> next;

  static {
    PENDING.next = EnumSet.of(SNAPSHOTTING, APPLYING, SKIPPED, FAILED);
    SNAPSHOTTING.next = EnumSet.of(APPLYING, FAILED);
    APPLYING.next = EnumSet.of(VERIFYING, FAILED);
    VERIFYING.next = EnumSet.of(HEALTHY, FAILED);
    HEALTHY.next = EnumSet.of(ROLLING_BACK);
    FAILED.next = EnumSet.of(ROLLING_BACK);
    ROLLING_BACK.next = EnumSet.of(ROLLED_BACK, ROLLBACK_FAILED);
    ROLLED_BACK.next = EnumSet.noneOf(TargetState.class);
    ROLLBACK_FAILED.next = EnumSet.noneOf(TargetState.class);
    SKIPPED.next = EnumSet.noneOf(TargetState.class);
  }

  public boolean canTransitionTo(TargetState target) { return next.contains(target); }

  public TargetState transitionTo(TargetState target) {
    if (!canTransitionTo(target)) throw new IllegalTransitionException("target", name(), target.name());
    return target;
  }

  public boolean isTerminal() { return next.isEmpty(); }

  /** A side effect may be under way: after a crash these are reconciled by probing. */
  public boolean isInFlight() { return this == SNAPSHOTTING || this == APPLYING || this == VERIFYING || this == ROLLING_BACK; }

  /** Finished its forward run (healthy, failed or skipped). */
  public boolean isSettled() { return this == HEALTHY || this == FAILED || this == SKIPPED || isTerminal(); }

  /** The target may have been changed, so a rollback must restore it. */
  public boolean isTouched() { return this != PENDING && this != SKIPPED; }
}
