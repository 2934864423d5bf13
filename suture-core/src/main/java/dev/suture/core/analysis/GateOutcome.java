package dev.suture.core.analysis;

/** What a decided gate tells the rollout: go on, wait for a human (promote/abort), or halt and roll back. */
public enum GateOutcome {
  CONTINUE, PAUSE, HALT;

  /** successful → continue; inconclusive → pause; failed or error → halt (issue 5, DESIGN §3). */
  public static GateOutcome of(MetricPhase phase) {
    switch (phase) {
      case SUCCESSFUL: return CONTINUE;
      case INCONCLUSIVE: return PAUSE;
      case FAILED:
      case ERROR: return HALT;
      default: throw new IllegalArgumentException("phase: " + phase + " has no outcome yet");
    }
  }
}
