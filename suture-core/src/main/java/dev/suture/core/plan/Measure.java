package dev.suture.core.plan;

import dev.suture.core.analysis.MetricSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * How a check is measured when a gate (an observation, a bake, the final verification) uses it as a
 * metric: Argo Rollouts' Metric fields, written beside the probe in the plan. Absent fields take
 * the gate's defaults: an observation measures until it ends, at its interval; a verification
 * measures once. See docs/analysis.md for the rules.
 */
public record Measure(Optional<Integer> count, Optional<Duration> interval, Duration initialDelay, int failureLimit,
                      int inconclusiveLimit, int consecutiveErrorLimit, int consecutiveSuccessLimit,
                      int consecutiveFailureLimit, boolean dryRun) {
  /** Argo's defaults: no failure or inconclusive allowed, the 5th error in a row trips. */
  public static final Measure DEFAULTS = new Measure(Optional.empty(), Optional.empty(), Duration.ZERO, 0, 0,
      MetricSpec.DEFAULT_CONSECUTIVE_ERROR_LIMIT, 0, 0, false);

  /** Retry cadence of a verification that measures more than once and names no interval. */
  static final Duration VERIFY_INTERVAL = Duration.ofSeconds(10);

  public Measure {
    count = count == null ? Optional.empty() : count;
    interval = interval == null ? Optional.empty() : interval;
    initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
  }

  /**
   * The metric for an observation of a stage: {@code count} (default 0: until the observation
   * ends) every {@code interval} (default the stage's).
   */
  public MetricSpec forObservation(String name, Duration stageInterval) {
    return metric(name, count.orElse(0), interval.orElse(stageInterval));
  }

  /** The metric for a one-off gate (verify): {@code count} (default 1). */
  public MetricSpec forVerification(String name) {
    int c = count.orElse(1);
    return metric(name, c, interval.orElse(c == 1 ? null : VERIFY_INTERVAL));
  }

  private MetricSpec metric(String name, int c, Duration every) {
    return new MetricSpec(name, c, every, initialDelay, failureLimit, inconclusiveLimit, consecutiveErrorLimit,
        consecutiveSuccessLimit, consecutiveFailureLimit, dryRun);
  }
}
