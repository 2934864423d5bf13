package dev.suture.core.analysis;

/**
 * The counters Argo keeps per metric (MetricResult), plus the two streaks Suture adds. {@code count}
 * counts readings only: an ERROR never consumes count (analysis.go, runMeasurements).
 */
public record MetricCounters(int count, int successful, int failed, int inconclusive, int errors,
                             int consecutiveErrors, int consecutiveSuccesses, int consecutiveFailures) {
  public static final MetricCounters ZERO = new MetricCounters(0, 0, 0, 0, 0, 0, 0, 0);

  /**
   * Any reading resets the error streak (as Argo). Streak choices Argo does not pin down for
   * consecutiveFailureLimit (absent in Argo): an ERROR does not break a failure streak — a source
   * that blinks must not hide a run of bad readings — but it does break a success streak, because
   * a success streak claims health was seen every time.
   */
  public MetricCounters plus(MeasurementPhase phase) {
    switch (phase) {
      case SUCCESSFUL:
        return new MetricCounters(count + 1, successful + 1, failed, inconclusive, errors, 0, consecutiveSuccesses + 1, 0);
      case FAILED:
        return new MetricCounters(count + 1, successful, failed + 1, inconclusive, errors, 0, 0, consecutiveFailures + 1);
      case INCONCLUSIVE:
        return new MetricCounters(count + 1, successful, failed, inconclusive + 1, errors, 0, 0, 0);
      case ERROR:
        return new MetricCounters(count, successful, failed, inconclusive, errors + 1, consecutiveErrors + 1, 0, consecutiveFailures);
      default:
        throw new IllegalArgumentException("phase: unknown " + phase);
    }
  }
}
