package dev.suture.core.analysis;

import java.time.Duration;

/**
 * How one metric of a gate is measured and judged, after Argo Rollouts' Metric. Limits count
 * measurements; "off" is 0 for the two consecutive-success/failure limits.
 *
 * @param count measurements to take; 0 = indefinite, until the gate ends (as Argo without count)
 * @param interval time between measurements; may be null only when count is 1
 * @param initialDelay wait after the gate starts before the first measurement
 * @param failureLimit FAILED when failures &gt; this (Argo default 0)
 * @param inconclusiveLimit INCONCLUSIVE when inconclusives &gt; this (default 0)
 * @param consecutiveErrorLimit ERROR when consecutive errors &gt; this (default 4)
 * @param consecutiveSuccessLimit SUCCESSFUL as soon as this many successes in a row (0 = off)
 * @param consecutiveFailureLimit FAILED as soon as this many failures in a row (0 = off; not in Argo)
 * @param dryRun recorded and shown, never decides the gate
 */
public record MetricSpec(String name, int count, Duration interval, Duration initialDelay, int failureLimit,
                         int inconclusiveLimit, int consecutiveErrorLimit, int consecutiveSuccessLimit,
                         int consecutiveFailureLimit, boolean dryRun) {
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

  public MetricSpec {
    if (name == null || name.isBlank()) throw new InvalidMetricException("name", "is required and must not be blank");
    String where = " (metric " + name + ")";
    if (count < 0) throw new InvalidMetricException("count", "must be >= 0 (0 = until the gate ends), was " + count + where);
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new InvalidMetricException("interval", "must be positive, was " + interval + where);
    }
    // As Argo's ValidateMetrics: repeated measurements need a cadence.
    if (interval == null && count != 1) {
      throw new InvalidMetricException("interval", "is required when count is not 1" + where);
    }
    initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
    if (initialDelay.isNegative()) throw new InvalidMetricException("initialDelay", "must not be negative" + where);
    nonNegative("failureLimit", failureLimit, where);
    nonNegative("inconclusiveLimit", inconclusiveLimit, where);
    nonNegative("consecutiveErrorLimit", consecutiveErrorLimit, where);
    nonNegative("consecutiveSuccessLimit", consecutiveSuccessLimit, where);
    nonNegative("consecutiveFailureLimit", consecutiveFailureLimit, where);
    // A limit the count can never reach would silently turn every run inconclusive or never fail.
    if (count > 0 && consecutiveSuccessLimit > count) {
      throw new InvalidMetricException("consecutiveSuccessLimit", "must not exceed count " + count + where);
    }
    if (count > 0 && consecutiveFailureLimit > count) {
      throw new InvalidMetricException("consecutiveFailureLimit", "must not exceed count " + count + where);
    }
  }

  /** One measurement with Argo's defaults. For count != 1 start from {@link #every} (an interval is required). */
  public static MetricSpec of(String name) {
    return new MetricSpec(name, 1, null, Duration.ZERO, 0, 0, DEFAULT_CONSECUTIVE_ERROR_LIMIT, 0, 0, false);
  }

  /** {@code count} measurements (0 = until the gate ends) every {@code interval}, Argo's default limits. */
  public static MetricSpec every(String name, int count, Duration interval) {
    return new MetricSpec(name, count, interval, Duration.ZERO, 0, 0, DEFAULT_CONSECUTIVE_ERROR_LIMIT, 0, 0, false);
  }

  public MetricSpec withCount(int c) { return new MetricSpec(name, c, interval, initialDelay, failureLimit, inconclusiveLimit, consecutiveErrorLimit, consecutiveSuccessLimit, consecutiveFailureLimit, dryRun); }
  public MetricSpec withInterval(Duration d) { return new MetricSpec(name, count, d, initialDelay, failureLimit, inconclusiveLimit, consecutiveErrorLimit, consecutiveSuccessLimit, consecutiveFailureLimit, dryRun); }
  public MetricSpec withInitialDelay(Duration d) { return new MetricSpec(name, count, interval, d, failureLimit, inconclusiveLimit, consecutiveErrorLimit, consecutiveSuccessLimit, consecutiveFailureLimit, dryRun); }
  public MetricSpec withFailureLimit(int n) { return new MetricSpec(name, count, interval, initialDelay, n, inconclusiveLimit, consecutiveErrorLimit, consecutiveSuccessLimit, consecutiveFailureLimit, dryRun); }
  public MetricSpec withInconclusiveLimit(int n) { return new MetricSpec(name, count, interval, initialDelay, failureLimit, n, consecutiveErrorLimit, consecutiveSuccessLimit, consecutiveFailureLimit, dryRun); }
  public MetricSpec withConsecutiveErrorLimit(int n) { return new MetricSpec(name, count, interval, initialDelay, failureLimit, inconclusiveLimit, n, consecutiveSuccessLimit, consecutiveFailureLimit, dryRun); }
  public MetricSpec withConsecutiveSuccessLimit(int n) { return new MetricSpec(name, count, interval, initialDelay, failureLimit, inconclusiveLimit, consecutiveErrorLimit, n, consecutiveFailureLimit, dryRun); }
  public MetricSpec withConsecutiveFailureLimit(int n) { return new MetricSpec(name, count, interval, initialDelay, failureLimit, inconclusiveLimit, consecutiveErrorLimit, consecutiveSuccessLimit, n, dryRun); }
  public MetricSpec asDryRun() { return new MetricSpec(name, count, interval, initialDelay, failureLimit, inconclusiveLimit, consecutiveErrorLimit, consecutiveSuccessLimit, consecutiveFailureLimit, true); }

  public boolean indefinite() { return count == 0; }

  private static void nonNegative(String field, int value, String where) {
    if (value < 0) throw new InvalidMetricException(field, "must be >= 0, was " + value + where);
  }
}
