package dev.suture.core.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A named health check; {@link #probe()} holds the type-specific part, {@link #measure()} how a gate
 * measures it (count, interval, limits).
 */
public record CheckSpec(String name, Probe probe, Measure measure) {
  public CheckSpec {
    measure = measure == null ? Measure.DEFAULTS : measure;
  }

  public CheckSpec(String name, Probe probe) { this(name, probe, Measure.DEFAULTS); }

  public String type() { return probe.type(); }

  /** The type-specific part of a check. New check types add a record here and an adapter. */
  public sealed interface Probe permits Http, Command, Prometheus, Judge, BurnRate {
    String type();
    Duration timeout();

    /**
     * True when the check is run on each target (http, command, prometheus); false when it judges
     * the rollout as a whole, once per measurement (judge, burnRate: see
     * {@link dev.suture.core.port.CheckRunner#runForGate}).
     */
    default boolean perTarget() { return true; }
  }

  /** GET url; healthy when the status matches and (optionally) the body matches the regex. */
  public record Http(String url, int expectStatus, Optional<String> bodyRegex, Duration timeout) implements Probe {
    public String type() { return "http"; }
  }

  /** Runs argv through the plan's executor; healthy on exit 0. */
  public record Command(List<String> argv, Duration timeout) implements Probe {
    public Command { argv = List.copyOf(argv); }
    public String type() { return "command"; }
  }

  /**
   * Runs a PromQL query against {@code address}: instant, or over the last {@code range} at
   * {@code step} when a range is given. {@code failureCondition} is evaluated first, then
   * {@code successCondition}; see {@code dev.suture.core.condition.Condition} for their syntax.
   * {@code headers} go with every request (e.g. Authorization for a protected Prometheus).
   */
  public record Prometheus(String address, String query, Optional<Duration> range, Optional<Duration> step,
                           Optional<String> successCondition, Optional<String> failureCondition,
                           Map<String, String> headers, Duration timeout) implements Probe {
    public Prometheus {
      if (address == null || address.isBlank()) throw new IllegalArgumentException("address must not be empty");
      if (query == null || query.isBlank()) throw new IllegalArgumentException("query must not be empty");
      range = range == null ? Optional.empty() : range;
      step = step == null ? Optional.empty() : step;
      if (step.isPresent() && range.isEmpty()) throw new IllegalArgumentException("step needs a range");
      successCondition = successCondition == null ? Optional.empty() : successCondition;
      failureCondition = failureCondition == null ? Optional.empty() : failureCondition;
      if (successCondition.isEmpty() && failureCondition.isEmpty())
        throw new IllegalArgumentException("a prometheus check needs successCondition or failureCondition");
      headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    public String type() { return "prometheus"; }

    /** The step of a range query: the given one, else range / 60 (at least 1 s). */
    public Duration effectiveStep() {
      return step.orElseGet(() -> {
        Duration d = range.orElseThrow().dividedBy(60);
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
      });
    }
  }

  /**
   * Canary versus baseline (Kayenta's judge): each metric's {@code query} is run as a range query
   * over the last {@code lookback} (never before the gate started) twice, once per group, with
   * {@code {{group.addresses}}} (a regex alternation of the group's escaped addresses) and
   * {@code {{group.names}}} filled in for the canary (the patched targets being watched) and for
   * the baseline (targets not patched yet). The score {@code >= pass} passes, {@code >= marginal}
   * is inconclusive, lower fails (docs/judge.md).
   */
  public record Judge(String address, Duration lookback, Duration step, List<JudgeMetric> metrics, double pass,
                      double marginal, Map<String, String> headers, Duration timeout) implements Probe {
    public Judge {
      if (address == null || address.isBlank()) throw new IllegalArgumentException("address must not be empty");
      requirePositive(lookback, "lookback");
      requirePositive(step, "step");
      requirePositive(timeout, "timeout");
      if (step.compareTo(lookback) > 0) throw new IllegalArgumentException("step must not be longer than lookback");
      new dev.suture.core.judge.ScoreThresholds(pass, marginal); // validates 0 <= marginal <= pass <= 100
      metrics = List.copyOf(metrics);
      if (metrics.isEmpty()) throw new IllegalArgumentException("a judge check needs at least one metric");
      java.util.Set<String> names = new java.util.HashSet<>();
      for (JudgeMetric m : metrics)
        if (!names.add(m.spec().name())) throw new IllegalArgumentException("duplicate judge metric name '" + m.spec().name() + "'");
      if (metrics.stream().filter(JudgeMetric::errorRate).count() > 1)
        throw new IllegalArgumentException("at most one judge metric may be the errorRate");
      headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    public String type() { return "judge"; }

    @Override public boolean perTarget() { return false; }

    /** The metric that is the service's error rate (its canary − baseline mean is M3's figure), if any. */
    public Optional<JudgeMetric> errorRateMetric() { return metrics.stream().filter(JudgeMetric::errorRate).findFirst(); }
  }

  /**
   * One judged metric: the PromQL template, how the judge classifies it, and whether it is the
   * service's error rate (then its canary − baseline mean is reported as
   * {@link dev.suture.core.port.CheckResult#CANARY_ERROR_DELTA}).
   */
  public record JudgeMetric(String query, dev.suture.core.judge.MetricSpec spec, boolean errorRate) {
    public JudgeMetric {
      if (query == null || query.isBlank()) throw new IllegalArgumentException("query must not be empty");
      java.util.Objects.requireNonNull(spec, "spec");
    }

    public JudgeMetric(String query, dev.suture.core.judge.MetricSpec spec) { this(query, spec, false); }
  }

  /**
   * The service's SLO burn rate: {@code errorRatioQuery} (with {@code {{window}}} replaced by the
   * short and by the long window, in PromQL duration form) gives the error ratio; see
   * {@link dev.suture.core.analysis.BurnRate} for the multi-window rule.
   */
  public record BurnRate(String address, String errorRatioQuery, dev.suture.core.analysis.BurnRatePolicy policy,
                         Duration shortWindow, Duration longWindow, Map<String, String> headers, Duration timeout) implements Probe {
    public BurnRate {
      if (address == null || address.isBlank()) throw new IllegalArgumentException("address must not be empty");
      if (errorRatioQuery == null || !errorRatioQuery.contains("{{window}}"))
        throw new IllegalArgumentException("errorRatioQuery must contain {{window}}");
      java.util.Objects.requireNonNull(policy, "policy");
      requirePositive(shortWindow, "shortWindow");
      requirePositive(longWindow, "longWindow");
      requirePositive(timeout, "timeout");
      if (shortWindow.compareTo(longWindow) >= 0) throw new IllegalArgumentException("shortWindow must be shorter than longWindow");
      headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    public String type() { return "burnRate"; }

    @Override public boolean perTarget() { return false; }
  }

  private static void requirePositive(Duration d, String field) {
    if (d == null || d.isZero() || d.isNegative()) throw new IllegalArgumentException(field + " must be greater than 0");
  }
}
