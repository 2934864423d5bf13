package dev.suture.prometheus;

import dev.suture.core.analysis.BurnRate;
import dev.suture.core.analysis.InvalidMetricException;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.port.GateScope;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Check type {@code burnRate}: the error ratio over the short and the long window (two instant
 * queries, {@code {{window}}} rendered as a PromQL duration such as 5m or 1h), judged by {@link
 * BurnRate#assess}: continue → PASS, pause → INCONCLUSIVE (the rollout pauses for a human), halt →
 * FAIL. No answer, no value (no traffic gives NaN), more than one value, or a ratio outside [0, 1]
 * is ERROR: a burn we cannot see is not "no burn".
 */
public final class BurnRateCheckRunner implements CheckRunner {
  public static final String SHORT_BURN = "shortBurn";
  public static final String LONG_BURN = "longBurn";

  private final PrometheusClient client;

  public BurnRateCheckRunner(PrometheusClient client) { this.client = client; }

  @Override public String type() { return "burnRate"; }


  @Override
  public CheckResult runForGate(CheckSpec check, GateScope scope) throws InterruptedException {
    if (!(check.probe() instanceof CheckSpec.BurnRate b)) {
      throw new IllegalArgumentException("check " + check.name() + " is of type " + check.type() + ", not burnRate");
    }
    String name = check.name();
    double shortRatio;
    double longRatio;
    try {
      shortRatio = ratio(b, scope, b.shortWindow());
      longRatio = ratio(b, scope, b.longWindow());
    } catch (Unreadable e) {
      return CheckResult.error(name, e.getMessage());
    }
    BurnRate burn;
    try {
      burn = BurnRate.assess(b.policy(), shortRatio, longRatio);
    } catch (InvalidMetricException e) {
      return CheckResult.error(name, e.getMessage() + " (short window " + GroupTemplate.promDuration(b.shortWindow())
          + ", long window " + GroupTemplate.promDuration(b.longWindow()) + ")");
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put(SHORT_BURN, burn.shortBurn());
    figures.put(LONG_BURN, burn.longBurn());
    String message = "burn rate over " + GroupTemplate.promDuration(b.shortWindow()) + " and "
        + GroupTemplate.promDuration(b.longWindow()) + ": " + burn.working();
    CheckResult.Status status;
    switch (burn.outcome()) {
      case CONTINUE: status = CheckResult.Status.PASS; break;
      case PAUSE: status = CheckResult.Status.INCONCLUSIVE; break;
      default: status = CheckResult.Status.FAIL; break;
    }
    return new CheckResult(name, status, message, figures);
  }

  private static final class Unreadable extends Exception {
    Unreadable(String message) { super(message); }
  }

  /** The one error ratio of a window; the query's {@code group.*} variables name the canary. */
  private double ratio(CheckSpec.BurnRate b, GateScope scope, Duration window) throws Unreadable, InterruptedException {
    String w = GroupTemplate.promDuration(window);
    String address;
    String query;
    try {
      address = GroupTemplate.render(b.address(), scope, "canary", scope.canary(), Map.of());
      query = GroupTemplate.render(b.errorRatioQuery(), scope, "canary", scope.canary(), Map.of("window", w));
    } catch (GroupTemplate.BadGroupException e) {
      throw new Unreadable(e.getMessage());
    }
    QueryResult result;
    try {
      result = client.instant(address, query, b.headers(), b.timeout());
    } catch (PrometheusException e) {
      throw new Unreadable(w + " window: " + e.getMessage());
    }
    List<Double> values = result.values();
    if (values.isEmpty()) throw new Unreadable(w + " window: query returned no data (no traffic?): " + query);
    if (values.size() > 1)
      throw new Unreadable(w + " window: query returned " + values.size() + " values, not one error ratio (aggregate it, "
          + "e.g. sum(rate(errors[" + w + "])) / sum(rate(requests[" + w + "]))): " + query);
    return values.get(0);
  }
}
