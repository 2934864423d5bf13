package dev.suture.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * One metric of a running gate: says when its next measurement is due and judges its phase from the
 * measurements fed to it, after Argo Rollouts' analysis controller (analysis/analysis.go:
 * generateMetricTasks, assessMetricStatus, calculateNextReconcileTime). Not thread-safe: one driver
 * owns a gate.
 */
public final class MetricRun {
  /** Argo's DefaultErrorRetryInterval. */
  public static final Duration ERROR_RETRY = Duration.ofSeconds(10);
  /** Argo's DefaultMeasurementHistoryLimit. */
  public static final int DEFAULT_HISTORY = 10;

  private final MetricSpec spec;
  private final Instant gateStartedAt;
  private final int historyLimit;
  private final ArrayDeque<Measurement> history = new ArrayDeque<>();
  private MetricCounters counters = MetricCounters.ZERO;
  private MetricPhase phase = MetricPhase.RUNNING;
  private Measurement last;
  private String reason = "running";

  public MetricRun(MetricSpec spec, Instant gateStartedAt, int historyLimit) {
    if (spec == null) throw new InvalidMetricException("metric", "is required");
    if (gateStartedAt == null) throw new InvalidMetricException("startedAt", "is required");
    if (historyLimit < 1) throw new InvalidMetricException("historyLimit", "must be >= 1, was " + historyLimit);
    this.spec = spec;
    this.gateStartedAt = gateStartedAt;
    this.historyLimit = historyLimit;
  }

  /**
   * When the next measurement should start; empty once the metric is decided. Intervals run from the
   * previous measurement's end, as in Argo. After an ERROR, Argo's code retries after the interval
   * when one is set and after 10 s only without one; issue 5 asks for a retry after 10 s. We retry
   * after min(interval, 10 s): a blip costs 10 s, never more than the normal cadence.
   */
  public Optional<Instant> nextDue() {
    if (phase.isTerminal()) return Optional.empty();
    if (last == null) return Optional.of(gateStartedAt.plus(spec.initialDelay()));
    if (last.phase() == MeasurementPhase.ERROR) {
      Duration retry = spec.interval() == null || spec.interval().compareTo(ERROR_RETRY) > 0 ? ERROR_RETRY : spec.interval();
      return Optional.of(last.finishedAt().plus(retry));
    }
    return Optional.of(last.finishedAt().plus(spec.interval()));
  }

  public boolean isDue(Instant now) { return nextDue().map(due -> !now.isBefore(due)).orElse(false); }

  /** Feeds one finished measurement and re-judges the phase. */
  public void record(Measurement m) {
    if (m == null) throw new InvalidMetricException("measurement", "is required");
    if (phase.isTerminal()) throw new IllegalStateException("metric " + spec.name() + " is already " + phase);
    last = m;
    history.addLast(m);
    while (history.size() > historyLimit) history.removeFirst();
    counters = counters.plus(m.phase());
    assess();
  }

  /**
   * The limits, strict "&gt; limit" as Argo's code (assessMetricStatus: {@code result.Failed >
   * metric.FailureLimit}). Argo's doc is ambiguous here: its "Failure Conditions and Failure Limit"
   * example says failureLimit 3 fails "after three failed measurements", while the code fails on the
   * fourth. We follow the code — N allowed, trip at N+1, like DESIGN §3's maxErrors. Argo's code tests failed, inconclusive, error in that
   * order; issue 5 says error beats inconclusive beats failed. Here a single measurement moves
   * exactly one of those counters (an ERROR resets nothing but adds an error; a reading resets the
   * error streak), so two of them can never trip in the same step and the order is unobservable;
   * we test in the order. Count reached is judged last, so a trip on the final measurement
   * wins over "count reached" (as Argo).
   */
  private void assess() {
    MetricCounters c = counters;
    String cause = last.message().isEmpty() ? "" : " (" + last.message() + ")";
    if (c.consecutiveErrors() > spec.consecutiveErrorLimit()) {
      decide(MetricPhase.ERROR, "errors: " + c.consecutiveErrors() + " consecutive > limit " + spec.consecutiveErrorLimit() + cause);
    } else if (c.inconclusive() > spec.inconclusiveLimit()) {
      decide(MetricPhase.INCONCLUSIVE, "inconclusive: " + c.inconclusive() + " > limit " + spec.inconclusiveLimit() + cause);
    } else if (c.failed() > spec.failureLimit()) {
      decide(MetricPhase.FAILED, "failures: " + c.failed() + " > limit " + spec.failureLimit() + cause);
    } else if (spec.consecutiveFailureLimit() > 0 && c.consecutiveFailures() >= spec.consecutiveFailureLimit()) {
      decide(MetricPhase.FAILED, "failures: " + c.consecutiveFailures() + " in a row reached consecutiveFailureLimit "
          + spec.consecutiveFailureLimit() + cause);
    } else if (spec.consecutiveSuccessLimit() > 0 && c.consecutiveSuccesses() >= spec.consecutiveSuccessLimit()) {
      decide(MetricPhase.SUCCESSFUL, "successes: " + c.consecutiveSuccesses() + " in a row reached consecutiveSuccessLimit "
          + spec.consecutiveSuccessLimit());
    } else if (!spec.indefinite() && c.count() >= spec.count()) {
      // Argo (>= 1.8) with both a count and consecutiveSuccessLimit: the count ran out without the
      // streak, so nothing proved health; we pause for a human rather than pass.
      if (spec.consecutiveSuccessLimit() > 0) {
        decide(MetricPhase.INCONCLUSIVE, "count " + spec.count() + " reached without " + spec.consecutiveSuccessLimit()
            + " successes in a row");
      } else {
        decide(MetricPhase.SUCCESSFUL, "count " + spec.count() + " reached");
      }
    }
  }

  /**
   * The gate ends this metric (its time is over, or another metric decided). Argo marks an
   * unfinished metric SUCCESSFUL on termination, even with no measurement at all. Suture requires
   * evidence: with no reading yet, or when the latest measurement is an ERROR, the metric is
   * INCONCLUSIVE — an unreadable source is never taken as healthy.
   */
  public void end(String why) {
    if (phase.isTerminal()) return;
    String suffix = why == null || why.isBlank() ? "" : " (" + why + ")";
    if (counters.count() == 0) {
      decide(MetricPhase.INCONCLUSIVE, "ended with no reading" + suffix);
    } else if (last.phase() == MeasurementPhase.ERROR) {
      decide(MetricPhase.INCONCLUSIVE, "ended while the source could not be read: " + last.message() + suffix);
    } else if (spec.consecutiveSuccessLimit() > 0) {
      decide(MetricPhase.INCONCLUSIVE, "ended with " + counters.consecutiveSuccesses() + " successes in a row, below "
          + "consecutiveSuccessLimit " + spec.consecutiveSuccessLimit() + suffix);
    } else {
      decide(MetricPhase.SUCCESSFUL, "ended after " + counters.count() + " readings within limits" + suffix);
    }
  }

  private void decide(MetricPhase next, String why) {
    phase = phase.transitionTo(next);
    reason = why;
  }

  public MetricSpec spec() { return spec; }
  public String name() { return spec.name(); }
  public MetricPhase phase() { return phase; }
  public MetricCounters counters() { return counters; }
  public String reason() { return reason; }
  /** The last {@code historyLimit} measurements, oldest first. */
  public List<Measurement> history() { return List.copyOf(history); }

  /** One line with every count and limit, for verdicts and display. */
  public String summary() {
    MetricCounters c = counters;
    String target = spec.indefinite() ? "until gate ends" : "of " + spec.count();
    return spec.name() + (spec.dryRun() ? " [dry run]" : "") + ": " + phase + " - " + reason
        + "; readings " + c.count() + " " + target + ", successful " + c.successful()
        + ", failed " + c.failed() + "/limit " + spec.failureLimit()
        + ", inconclusive " + c.inconclusive() + "/limit " + spec.inconclusiveLimit()
        + ", errors " + c.errors() + " (" + c.consecutiveErrors() + " consecutive/limit " + spec.consecutiveErrorLimit() + ")";
  }
}
