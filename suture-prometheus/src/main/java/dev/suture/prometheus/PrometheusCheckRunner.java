package dev.suture.prometheus;

import dev.suture.core.condition.Condition;
import dev.suture.core.condition.ConditionException;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.template.Template;
import dev.suture.core.template.TemplateContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Check type {@code prometheus}: runs the query and judges its values as Argo Rollouts does.
 * The failure condition is evaluated first: true → FAIL. Then the success condition: true →
 * PASS. With both given and neither true → INCONCLUSIVE; with only one given, the other outcome
 * is its negation. Anything that prevents an answer — unreachable, PromQL error, no data, a
 * condition that cannot be evaluated on the data — is ERROR, never PASS.
 */
public final class PrometheusCheckRunner implements CheckRunner {
  private static final int SHOWN_VALUES = 5;

  private final PrometheusClient client;
  private final Clock clock;

  public PrometheusCheckRunner(PrometheusClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override public String type() { return "prometheus"; }

  @Override
  public CheckResult run(CheckSpec check, TemplateContext context, ExecutorHandle unused) throws InterruptedException {
    if (!(check.probe() instanceof CheckSpec.Prometheus p)) {
      throw new IllegalArgumentException("check " + check.name() + " is of type " + check.type() + ", not prometheus");
    }
    String name = check.name();
    String address;
    String query;
    Optional<Condition> success;
    Optional<Condition> failure;
    try {
      address = Template.render(p.address(), context);
      query = Template.render(p.query(), context);
      success = p.successCondition().map(Condition::parse);
      failure = p.failureCondition().map(Condition::parse);
    } catch (Template.UnknownVariableException | ConditionException e) {
      return CheckResult.error(name, e.getMessage());
    }
    QueryResult result;
    try {
      if (p.range().isPresent()) {
        Instant end = clock.instant();
        result = client.range(address, query, end.minus(p.range().get()), end, p.effectiveStep(), p.headers(), p.timeout());
      } else {
        result = client.instant(address, query, p.headers(), p.timeout());
      }
    } catch (PrometheusException e) {
      return CheckResult.error(name, e.getMessage());
    }
    List<Double> values = result.values();
    if (values.isEmpty()) return CheckResult.error(name, "query returned no data: " + query);
    return judge(name, values, success, failure);
  }

  static CheckResult judge(String name, List<Double> values, Optional<Condition> success, Optional<Condition> failure) {
    String shown = show(values);
    try {
      if (failure.isPresent() && failure.get().test(values))
        return CheckResult.fail(name, "failureCondition '" + failure.get() + "' holds for " + shown);
      if (success.isPresent() && success.get().test(values))
        return CheckResult.pass(name, "successCondition '" + success.get() + "' holds for " + shown);
    } catch (ConditionException e) {
      return CheckResult.error(name, "cannot evaluate condition on " + shown + ": " + e.getMessage());
    }
    if (success.isEmpty()) return CheckResult.pass(name, "failureCondition '" + failure.get() + "' does not hold for " + shown);
    if (failure.isEmpty()) return CheckResult.fail(name, "successCondition '" + success.get() + "' does not hold for " + shown);
    return CheckResult.inconclusive(name, "neither failureCondition '" + failure.get() + "' nor successCondition '"
        + success.get() + "' holds for " + shown);
  }

  private static String show(List<Double> values) {
    String head = values.stream().limit(SHOWN_VALUES).map(PrometheusCheckRunner::format).collect(Collectors.joining(", "));
    return "result [" + head + (values.size() > SHOWN_VALUES ? ", ... " + values.size() + " values" : "") + "]";
  }

  private static String format(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

}
