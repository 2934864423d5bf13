package dev.suture.core.doc;

import dev.suture.core.condition.Condition;
import dev.suture.core.condition.ConditionException;
import dev.suture.core.plan.CheckSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code prometheus: {address, query, successCondition, failureCondition, range, step, headers, timeout}}. */
final class PrometheusReader {
  static final Set<String> FIELDS =
      Set.of("address", "query", "successCondition", "failureCondition", "range", "step", "headers", "timeout");

  private PrometheusReader() {}

  static Optional<CheckSpec.Probe> prometheus(Fields f) {
    Optional<String> address = f.requiredText("address");
    address.filter(u -> !u.startsWith("http://") && !u.startsWith("https://"))
        .ifPresent(u -> f.node("address").get().error("must start with http:// or https://"));
    address.ifPresent(u -> PlanReader.checkVariables(f.node("address").get(), List.of(u)));
    Optional<String> query = f.requiredText("query");
    query.ifPresent(q -> PlanReader.checkVariables(f.node("query").get(), List.of(q)));
    boolean ok = condition(f, "successCondition") & condition(f, "failureCondition");
    if (!f.has("successCondition") && !f.has("failureCondition")) {
      f.node.error("needs successCondition or failureCondition (or both)");
      ok = false;
    }
    Optional<Duration> range = PlanReader.positive(f, "range");
    Optional<Duration> step = PlanReader.positive(f, "step");
    if (f.has("step") && !f.has("range")) {
      f.node("step").get().error("needs a range (step only applies to range queries)");
      ok = false;
    }
    Map<String, String> headers = f.stringMap("headers");
    Duration timeout = PlanReader.positive(f, "timeout").orElse(CheckReader.DEFAULT_TIMEOUT);
    if (!ok || address.isEmpty() || query.isEmpty()) return Optional.empty();
    return Optional.of(new CheckSpec.Prometheus(address.get(), query.get(), range, step,
        f.text("successCondition"), f.text("failureCondition"), headers, timeout));
  }

  /** Parses the condition now so a typo fails the plan, not the rollout. */
  private static boolean condition(Fields f, String key) {
    Optional<String> text = f.text(key);
    if (f.has(key) && text.isEmpty()) return false;
    if (text.isEmpty()) return true;
    try {
      Condition.parse(text.get());
      return true;
    } catch (ConditionException e) {
      f.node(key).get().error("invalid condition: " + e.getMessage());
      return false;
    }
  }
}
