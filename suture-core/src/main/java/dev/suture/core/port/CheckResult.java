package dev.suture.core.port;

import java.util.Map;

/**
 * PASS, FAIL (the target answered badly), INCONCLUSIVE (a metric check where neither the success
 * nor the failure condition held) or ERROR (could not measure: never taken as healthy). In a gate,
 * INCONCLUSIVE pauses the rollout for a human (docs/analysis.md); everywhere else (a target's own
 * verification, prechecks, rollback checks) only PASS counts as {@link #passed()}.
 *
 * <p>{@code figures} are named numbers a check measured besides its verdict, for the record and for
 * the programme metrics: e.g. a judge's {@code canaryErrorDelta} (M3 in docs/metrics.md).
 */
public record CheckResult(String check, Status status, String message, Map<String, Double> figures) {
  public enum Status { PASS, FAIL, INCONCLUSIVE, ERROR }

  /** Figure name of the error-rate difference canary − baseline (M3). */
  public static final String CANARY_ERROR_DELTA = "canaryErrorDelta";

  public CheckResult {
    figures = Map.copyOf(figures == null ? Map.of() : figures);
  }

  public CheckResult(String check, Status status, String message) { this(check, status, message, Map.of()); }

  public boolean passed() { return status == Status.PASS; }

  public CheckResult withFigures(Map<String, Double> f) { return new CheckResult(check, status, message, f); }

  public static CheckResult pass(String check, String message) { return new CheckResult(check, Status.PASS, message); }
  public static CheckResult fail(String check, String message) { return new CheckResult(check, Status.FAIL, message); }
  public static CheckResult inconclusive(String check, String message) { return new CheckResult(check, Status.INCONCLUSIVE, message); }
  public static CheckResult error(String check, String message) { return new CheckResult(check, Status.ERROR, message); }
}
