package dev.suture.prometheus;

import dev.suture.core.judge.CanaryScore;
import dev.suture.core.judge.CanaryScorer;
import dev.suture.core.judge.MetricJudge;
import dev.suture.core.judge.MetricResult;
import dev.suture.core.judge.ScoreThresholds;
import dev.suture.core.judge.SeriesStats;
import dev.suture.core.model.Asset;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.port.GateScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Check type {@code judge}: Kayenta's NetflixACAJudge over Prometheus. At each measurement of a
 * gate, every metric's query is run as a range query over [max(gate start, now − lookback), now]
 * at {@code step}, once for the canary (the patched targets the gate watches) and once for the
 * baseline (targets not patched yet); every point of every series a group's query returns is one
 * sample of that group. {@link MetricJudge} classifies each metric, {@link CanaryScorer} scores
 * them, and the score decides: {@code >= pass} PASS, else {@code >= marginal} INCONCLUSIVE (the
 * rollout pauses for a human), else FAIL. Anything that keeps the judge from seeing both groups —
 * Prometheus unreachable, a failed query, an empty group, too short a window — is ERROR, never a
 * pass.
 */
public final class JudgeCheckRunner implements CheckRunner {
  private final PrometheusClient client;

  public JudgeCheckRunner(PrometheusClient client) { this.client = client; }

  @Override public String type() { return "judge"; }


  @Override
  public CheckResult runForGate(CheckSpec check, GateScope scope) throws InterruptedException {
    if (!(check.probe() instanceof CheckSpec.Judge j)) {
      throw new IllegalArgumentException("check " + check.name() + " is of type " + check.type() + ", not judge");
    }
    String name = check.name();
    if (scope.canary().isEmpty()) return CheckResult.error(name, "no canary: the gate watches no patched, healthy target");
    if (scope.baseline().isEmpty())
      return CheckResult.error(name, "no baseline: no target of the rollout is left unpatched to compare the canary with");
    Instant end = scope.now();
    Instant lookbackStart = end.minus(j.lookback());
    Instant start = scope.gateStartedAt().isAfter(lookbackStart) ? scope.gateStartedAt() : lookbackStart;
    if (Duration.between(start, end).compareTo(j.step()) < 0) {
      return CheckResult.error(name, "only " + Duration.between(start, end).toMillis() + " ms of data since the gate started, less "
          + "than one step (" + GroupTemplate.promDuration(j.step()) + "); give the check an initialDelay of a few steps");
    }
    String window = String.format(Locale.ROOT, "window %s..%s (%s, step %s)", start, end,
        GroupTemplate.promDuration(Duration.between(start, end)), GroupTemplate.promDuration(j.step()));
    List<MetricResult> results = new ArrayList<>();
    for (CheckSpec.JudgeMetric metric : j.metrics()) {
      double[] canary;
      double[] baseline;
      try {
        canary = fetch(j, metric, scope, "canary", scope.canary(), start, end);
        baseline = fetch(j, metric, scope, "baseline", scope.baseline(), start, end);
      } catch (Unreadable e) {
        return CheckResult.error(name, "metric " + metric.spec().name() + ": " + e.getMessage() + "; " + window);
      }
      try {
        results.add(MetricJudge.classify(metric.spec(), baseline, canary));
      } catch (IllegalArgumentException e) {
        // E.g. each group constant but different: R's wilcox.test has no interval there either, and
        // guessing a verdict would not be Kayenta's rule. Not measured, so never a pass.
        return CheckResult.error(name, "metric " + metric.spec().name() + ": cannot judge canary " + brief(canary)
            + " against baseline " + brief(baseline) + ": " + e.getMessage() + "; " + window);
      }
    }
    CanaryScore score = new CanaryScorer(Map.of(), new ScoreThresholds(j.pass(), j.marginal())).score(results);
    String message = summary(j, score, scope) + "; " + window + "\n" + results.stream().map(JudgeCheckRunner::working)
        .collect(Collectors.joining("\n"));
    CheckResult.Status status;
    switch (score.verdict()) {
      case PASS: status = CheckResult.Status.PASS; break;
      case MARGINAL: status = CheckResult.Status.INCONCLUSIVE; break;
      default: status = CheckResult.Status.FAIL; break;
    }
    return new CheckResult(name, status, message, figures(j, score, results));
  }

  /** A group's query could not be rendered or answered. */
  private static final class Unreadable extends Exception {
    Unreadable(String message) { super(message); }
  }

  private double[] fetch(CheckSpec.Judge j, CheckSpec.JudgeMetric metric, GateScope scope, String groupName, List<Asset> group,
                         Instant start, Instant end) throws Unreadable, InterruptedException {
    String address;
    String query;
    try {
      address = GroupTemplate.render(j.address(), scope, groupName, group, Map.of());
      query = GroupTemplate.render(metric.query(), scope, groupName, group, Map.of());
    } catch (GroupTemplate.BadGroupException e) {
      throw new Unreadable(e.getMessage());
    }
    QueryResult result;
    try {
      result = client.range(address, query, start, end, j.step(), j.headers(), j.timeout());
    } catch (PrometheusException e) {
      throw new Unreadable(groupName + " query " + query + ": " + e.getMessage());
    }
    return result.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String summary(CheckSpec.Judge j, CanaryScore score, GateScope scope) {
    String verdict;
    switch (score.verdict()) {
      case PASS: verdict = "pass"; break;
      case MARGINAL: verdict = "marginal (inconclusive)"; break;
      default: verdict = "fail"; break;
    }
    return String.format(Locale.ROOT, "canary score %.2f: %s (pass >= %s, marginal >= %s): %s; canary %s vs baseline %s",
        score.score(), verdict, num(j.pass()), num(j.marginal()), score.reason(), names(scope.canary()), names(scope.baseline()));
  }

  /** One line of working per metric: what Kayenta's users ask to see (kayenta#521, #780). */
  static String working(MetricResult r) {
    StringBuilder b = new StringBuilder();
    b.append("  ").append(r.name()).append(": ").append(label(r));
    b.append("; canary ").append(stats(r.experiment())).append(", baseline ").append(stats(r.control()));
    if (r.test() != null) {
      b.append(String.format(Locale.ROOT, "; 98%% interval [%s, %s], estimate %s, tolerance ±%s, %s %s",
          num(r.test().lower()), num(r.test().upper()), num(r.test().estimate()), num(r.tolerance()),
          r.effectSizeMeasure().name().toLowerCase(Locale.ROOT), num(r.effectSize())));
    } else {
      b.append("; ").append(r.reason());
    }
    if (!r.warnings().isEmpty()) b.append("; warning: ").append(String.join("; ", r.warnings()));
    return b.toString();
  }

  private static String label(MetricResult r) {
    String l;
    switch (r.classification()) {
      case HIGH: l = "High"; break;
      case LOW: l = "Low"; break;
      case NODATA: l = "Nodata"; break;
      case NODATA_FAIL_METRIC: l = "NodataFailMetric"; break;
      default: l = "Pass"; break;
    }
    return l + (r.criticalFailure() ? " (critical failure)" : r.critical() ? " (critical)" : "");
  }

  private static String stats(SeriesStats s) {
    if (s.count() == 0) return "0 points";
    return s.count() + " points mean " + num(s.mean()) + " [" + num(s.min()) + ".." + num(s.max()) + "]";
  }

  private static Map<String, Double> figures(CheckSpec.Judge j, CanaryScore score, List<MetricResult> results) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("score", score.score());
    j.errorRateMetric().flatMap(m -> results.stream().filter(r -> r.name().equals(m.spec().name())).findFirst())
        .ifPresent(r -> {
          double delta = r.experiment().mean() - r.control().mean();
          // Without both means there is no delta to report (a missing figure, not a zero).
          if (Double.isFinite(delta)) out.put(CheckResult.CANARY_ERROR_DELTA, delta);
        });
    return out;
  }

  private static String brief(double[] values) {
    java.util.DoubleSummaryStatistics s = java.util.Arrays.stream(values).summaryStatistics();
    return values.length + " points [" + num(s.getMin()) + ".." + num(s.getMax()) + "]";
  }

  private static String names(List<Asset> assets) {
    List<String> n = assets.stream().map(Asset::name).toList();
    return n.size() <= 5 ? n.toString() : n.subList(0, 5).toString().replace("]", ", ... " + n.size() + " targets]");
  }

  static String num(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
  }
}
