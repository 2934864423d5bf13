package dev.suture.core.doc;

import dev.suture.core.judge.Direction;
import dev.suture.core.judge.EffectSizeMeasure;
import dev.suture.core.judge.MetricSpec;
import dev.suture.core.judge.NanStrategy;
import dev.suture.core.judge.OutlierStrategy;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code judge: {address, lookback, step, pass, marginal, metrics: [...], headers, timeout}}
 * (docs/plan-reference.md#judge). Queries may name the group variables, never {@code target.*}:
 * a judge looks at groups of targets, not at one.
 */
final class JudgeReader {
  static final Set<String> FIELDS = Set.of("address", "lookback", "step", "pass", "marginal", "metrics", "headers", "timeout");
  static final Set<String> METRIC = Set.of("name", "query", "group", "direction", "critical", "mustHaveData", "nanStrategy",
      "outliers", "effectSize", "errorRate");
  static final Set<String> EFFECT_SIZE = Set.of("measure", "allowedIncrease", "allowedDecrease", "criticalIncrease",
      "criticalDecrease");
  /** Over the last 10 minutes of the gate at most: a typical canary bake, and 60 points per series at the default step. */
  static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(10);
  static final Duration DEFAULT_STEP = Duration.ofSeconds(10);
  static final double DEFAULT_PASS = 95;
  static final double DEFAULT_MARGINAL = 75;
  /** Variables of a rollout as a whole (address of a judge or burnRate check). */
  static final List<String> ROLLOUT_VARIABLES = List.of("rollout.id", "patch.id", "patch.version", "patch.title");
  static final List<String> GROUP_VARIABLES = List.of("group.addresses", "group.names");
  private static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  private JudgeReader() {}

  static Optional<CheckSpec.Probe> judge(Fields f) {
    int errors = f.node.errorCount();
    Optional<String> address = address(f);
    Duration lookback = PlanReader.positive(f, "lookback").orElse(DEFAULT_LOOKBACK);
    Duration step = PlanReader.positive(f, "step").orElse(DEFAULT_STEP);
    if (step.compareTo(lookback) > 0)
      f.node(f.has("step") ? "step" : "lookback").get().error("step " + Durations.format(step) + " must not be longer than lookback "
          + Durations.format(lookback));
    double pass = f.number("pass", 0, 100).orElse(DEFAULT_PASS);
    double marginal = f.number("marginal", 0, 100).orElse(DEFAULT_MARGINAL);
    if (marginal > pass) f.node(f.has("marginal") ? "marginal" : "pass").get()
        .error("marginal " + marginal + " must not be above pass " + pass);
    List<CheckSpec.JudgeMetric> metrics = metrics(f);
    Map<String, String> headers = f.stringMap("headers");
    Duration timeout = PlanReader.positive(f, "timeout").orElse(CheckReader.DEFAULT_TIMEOUT);
    if (f.node.errorCount() != errors || address.isEmpty() || metrics.isEmpty()) return Optional.empty();
    return Optional.of(new CheckSpec.Judge(address.get(), lookback, step, metrics, pass, marginal, headers, timeout));
  }

  /** The Prometheus base URL; rollout variables only (it is the same for both groups). */
  static Optional<String> address(Fields f) {
    Optional<String> address = f.requiredText("address");
    address.filter(u -> !u.startsWith("http://") && !u.startsWith("https://"))
        .ifPresent(u -> f.node("address").get().error("must start with http:// or https://"));
    address.ifPresent(u -> variables(f.node("address").get(), u, ROLLOUT_VARIABLES));
    return address;
  }

  private static List<CheckSpec.JudgeMetric> metrics(Fields f) {
    Optional<Node> list = f.required("metrics");
    if (list.isEmpty()) return List.of();
    if (!list.get().isList()) {
      list.get().error("must be a list of metrics, each with a name and a query");
      return List.of();
    }
    List<Node> items = list.get().items();
    if (items.isEmpty()) list.get().error("must not be empty");
    List<CheckSpec.JudgeMetric> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    boolean errorRateSeen = false;
    for (Node item : items) {
      Fields m = new Fields(item, METRIC);
      int errors = item.errorCount();
      Optional<String> name = m.requiredText("name");
      name.filter(n -> !METRIC_NAME.matcher(n).matches()).ifPresent(n -> m.node("name").get()
          .error("'" + n + "' must be letters, digits, _ . or - (at most 63), starting with a letter or digit"));
      name.filter(n -> !names.add(n)).ifPresent(n -> m.node("name").get().error("duplicate metric name '" + n + "'"));
      Optional<String> query = m.requiredText("query");
      List<String> allowed = new ArrayList<>(GROUP_VARIABLES);
      allowed.addAll(ROLLOUT_VARIABLES);
      query.ifPresent(q -> variables(m.node("query").get(), q, allowed));
      String group = m.text("group").orElse("default");
      m.node("group").filter(n -> group.isBlank()).ifPresent(n -> n.error("must not be empty"));
      Direction direction = m.enumValue("direction", Direction.class).orElse(Direction.EITHER);
      boolean critical = m.bool("critical").orElse(false);
      boolean mustHaveData = m.bool("mustHaveData").orElse(false);
      NanStrategy nan = m.enumValue("nanStrategy", NanStrategy.class).orElse(NanStrategy.REMOVE);
      OutlierStrategy outliers = m.enumValue("outliers", OutlierStrategy.class).orElse(OutlierStrategy.KEEP);
      boolean errorRate = m.bool("errorRate").orElse(false);
      if (errorRate && errorRateSeen) m.node("errorRate").get().error("only one metric of a judge may be the errorRate");
      errorRateSeen |= errorRate;
      Optional<MetricSpec> spec = name.flatMap(n -> spec(m, n, group, direction, nan, outliers, critical, mustHaveData));
      if (item.errorCount() == errors && spec.isPresent() && query.isPresent())
        out.add(new CheckSpec.JudgeMetric(query.get(), spec.get(), errorRate));
    }
    return out;
  }

  /** Kayenta's effectSize block; the critical bounds default to the allowed ones. */
  private static Optional<MetricSpec> spec(Fields m, String name, String group, Direction direction, NanStrategy nan,
                                           OutlierStrategy outliers, boolean critical, boolean mustHaveData) {
    EffectSizeMeasure measure = EffectSizeMeasure.MEAN_RATIO;
    double increase;
    double decrease;
    double criticalIncrease;
    double criticalDecrease;
    Optional<Node> node = m.node("effectSize");
    if (node.isPresent()) {
      Fields e = new Fields(node.get(), EFFECT_SIZE);
      measure = e.enumValue("measure", EffectSizeMeasure.class).orElse(EffectSizeMeasure.MEAN_RATIO);
      double neutral = measure.neutral();
      increase = e.number("allowedIncrease", 0, Double.MAX_VALUE).orElse(neutral);
      decrease = e.number("allowedDecrease", 0, Double.MAX_VALUE).orElse(neutral);
      criticalIncrease = e.number("criticalIncrease", 0, Double.MAX_VALUE).orElse(increase);
      criticalDecrease = e.number("criticalDecrease", 0, Double.MAX_VALUE).orElse(decrease);
      if (decrease > increase) e.node(e.has("allowedDecrease") ? "allowedDecrease" : "allowedIncrease").get()
          .error("allowedDecrease " + decrease + " must not be above allowedIncrease " + increase);
      if (criticalIncrease < increase) e.node("criticalIncrease").get()
          .error("must not be below allowedIncrease " + increase + " (a critical failure is a High that is worse still)");
      if (criticalDecrease > decrease) e.node("criticalDecrease").get()
          .error("must not be above allowedDecrease " + decrease + " (a critical failure is a Low that is worse still)");
      if (!critical) for (String k : List.of("criticalIncrease", "criticalDecrease"))
        e.node(k).ifPresent(n -> n.error("is only used with critical: true"));
    } else {
      increase = decrease = criticalIncrease = criticalDecrease = measure.neutral();
    }
    try {
      return Optional.of(new MetricSpec(name, group.isBlank() ? "default" : group, direction, nan, outliers, critical,
          mustHaveData, measure, increase, decrease, criticalIncrease, criticalDecrease));
    } catch (IllegalArgumentException ex) {
      m.node.error(ex.getMessage());
      return Optional.empty();
    }
  }

  /** Every {{variable}} of {@code text} must be one of {@code known}. */
  static void variables(Node n, String text, List<String> known) {
    for (String v : Template.variables(text))
      if (!known.contains(v)) n.error("unknown template variable {{" + v + "}} (known here: " + String.join(", ", known) + ")");
  }
}
