package dev.suture.core.analysis;

import java.util.EnumSet;
import java.util.Set;

/**
 * Phase of one metric within a gate. RUNNING is the only non-terminal phase. {@link #severity()}
 * orders the tripped phases for "the worst metric decides" (see docs/analysis.md for why FAILED is
 * worst, as in Argo's analysisStatusOrder).
 */
public enum MetricPhase {
  RUNNING(0), SUCCESSFUL(0), INCONCLUSIVE(1), ERROR(2), FAILED(3);

  private final int severity;
  private Set<MetricPhase> next;

  static {
    RUNNING.next = EnumSet.of(SUCCESSFUL, INCONCLUSIVE, ERROR, FAILED);
    SUCCESSFUL.next = EnumSet.noneOf(MetricPhase.class);
    INCONCLUSIVE.next = EnumSet.noneOf(MetricPhase.class);
    ERROR.next = EnumSet.noneOf(MetricPhase.class);
    FAILED.next = EnumSet.noneOf(MetricPhase.class);
  }

  MetricPhase(int severity) { this.severity = severity; }

  public int severity() { return severity; }

  /** A limit tripped: the metric wants the gate to stop (pause or halt). */
  public boolean tripped() { return severity > 0; }

  public boolean canTransitionTo(MetricPhase target) { return next.contains(target); }

  public MetricPhase transitionTo(MetricPhase target) {
    if (!canTransitionTo(target)) {
      throw new dev.suture.core.rollout.IllegalTransitionException("metric", name(), target.name());
    }
    return target;
  }

  public boolean isTerminal() { return next.isEmpty(); }
}
