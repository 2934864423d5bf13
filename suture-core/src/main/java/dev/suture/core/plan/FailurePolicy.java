package dev.suture.core.plan;

/** What happens when a gate halts the rollout. */
public record FailurePolicy(RollbackMode rollback, String incidentPriority) {
  public static final FailurePolicy DEFAULT = new FailurePolicy(RollbackMode.AUTOMATIC, "P1");

  public enum RollbackMode { AUTOMATIC, MANUAL }
}
