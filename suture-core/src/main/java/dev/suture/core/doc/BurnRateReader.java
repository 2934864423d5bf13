package dev.suture.core.doc;

import dev.suture.core.analysis.BurnRatePolicy;
import dev.suture.core.plan.CheckSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code burnRate: {address, errorRatioQuery, objective, shortWindow, longWindow,
 * pauseThreshold, haltThreshold, headers, timeout}} (docs/plan-reference.md#burnrate).
 */
final class BurnRateReader {
  static final Set<String> FIELDS = Set.of("address", "errorRatioQuery", "objective", "shortWindow", "longWindow",
      "pauseThreshold", "haltThreshold", "headers", "timeout");
  /** The Google SRE workbook's fast-burn pair: 5 minutes and 1 hour. */
  static final Duration DEFAULT_SHORT = Duration.ofMinutes(5);
  static final Duration DEFAULT_LONG = Duration.ofHours(1);

  private BurnRateReader() {}

  static Optional<CheckSpec.Probe> burnRate(Fields f) {
    int errors = f.node.errorCount();
    Optional<String> address = JudgeReader.address(f);
    Optional<String> query = f.requiredText("errorRatioQuery");
    query.ifPresent(q -> {
      Node n = f.node("errorRatioQuery").get();
      List<String> known = new ArrayList<>(List.of("window"));
      known.addAll(JudgeReader.GROUP_VARIABLES);
      known.addAll(JudgeReader.ROLLOUT_VARIABLES);
      JudgeReader.variables(n, q, known);
      if (!dev.suture.core.template.Template.variables(q).contains("window"))
        n.error("must contain {{window}} (replaced by the short and by the long window, e.g. [5m] and [1h])");
    });
    Optional<Double> objective = f.number("objective", 0, 100);
    if (!f.has("objective")) f.node.errorAt(f.node.child("objective"), "is required (the SLO in percent, e.g. 99.9)");
    objective.filter(o -> o <= 0 || o >= 100).ifPresent(o -> f.node("objective").get()
        .error("must be a percentage strictly between 0 and 100, e.g. 99.9"));
    Duration shortWindow = PlanReader.positive(f, "shortWindow").orElse(DEFAULT_SHORT);
    Duration longWindow = PlanReader.positive(f, "longWindow").orElse(DEFAULT_LONG);
    if (shortWindow.compareTo(longWindow) >= 0)
      f.node(f.has("shortWindow") ? "shortWindow" : "longWindow").get().error("shortWindow " + Durations.format(shortWindow)
          + " must be shorter than longWindow " + Durations.format(longWindow));
    double pause = f.number("pauseThreshold", 0, Double.MAX_VALUE).orElse(BurnRatePolicy.DEFAULT_PAUSE);
    f.node("pauseThreshold").filter(n -> pause <= 0).ifPresent(n -> n.error("must be greater than 0"));
    double halt = f.number("haltThreshold", 0, Double.MAX_VALUE).orElse(BurnRatePolicy.DEFAULT_HALT);
    if (halt <= pause) f.node(f.has("haltThreshold") ? "haltThreshold" : "pauseThreshold").get()
        .error("haltThreshold " + halt + " must be greater than pauseThreshold " + pause);
    Map<String, String> headers = f.stringMap("headers");
    Duration timeout = PlanReader.positive(f, "timeout").orElse(CheckReader.DEFAULT_TIMEOUT);
    if (f.node.errorCount() != errors || address.isEmpty() || query.isEmpty() || objective.isEmpty()) return Optional.empty();
    return Optional.of(new CheckSpec.BurnRate(address.get(), query.get(), new BurnRatePolicy(objective.get(), pause, halt),
        shortWindow, longWindow, headers, timeout));
  }
}
