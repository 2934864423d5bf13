package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.PARSER;
import static dev.suture.core.doc.Parsing.errorsOf;
import static dev.suture.core.doc.Parsing.hasError;
import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.plan.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code prometheus} check: fields, defaults, and conditions validated when the plan is read. */
class PrometheusCheckReadingTest {
  private static String plan(String check) {
    return """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks:
            - name: errors
              prometheus:
        """ + check.indent(8) + "  stages: [{wave: {percent: 100}}]\n";
  }

  @Test
  void readsEveryField() {
    Plan p = PARSER.parse("plan.yaml", plan("""
        address: http://prometheus:9090
        query: 'sum(rate(http_errors_total{instance="{{target.address}}"}[1m]))'
        successCondition: "all(result, {# < 0.01})"
        failureCondition: "any(result, {# > 0.05})"
        range: 5m
        step: 30s
        headers: {Authorization: "Bearer abc"}
        timeout: 3s
        """)).get(0).as(Plan.class);

    assertThat(p.checks()).containsExactly(new CheckSpec("errors", new CheckSpec.Prometheus("http://prometheus:9090",
        "sum(rate(http_errors_total{instance=\"{{target.address}}\"}[1m]))", Optional.of(Duration.ofMinutes(5)),
        Optional.of(Duration.ofSeconds(30)), Optional.of("all(result, {# < 0.01})"), Optional.of("any(result, {# > 0.05})"),
        Map.of("Authorization", "Bearer abc"), Duration.ofSeconds(3))));
  }

  @Test
  void defaultsToAnInstantQueryWithTheDefaultTimeout() {
    Plan p = PARSER.parse("plan.yaml", plan("{address: 'http://p:9090', query: up, successCondition: 'result[0] == 1'}")).get(0).as(Plan.class);
    CheckSpec.Prometheus probe = (CheckSpec.Prometheus) p.checks().get(0).probe();
    assertThat(probe.range()).isEmpty();
    assertThat(probe.failureCondition()).isEmpty();
    assertThat(probe.timeout()).isEqualTo(CheckReader.DEFAULT_TIMEOUT);
    assertThat(p.checks().get(0).type()).isEqualTo("prometheus");
  }

  @Test
  void anUnknownNameInAConditionNamesTheFieldAndColumn() {
    onlyError(plan("{address: 'http://p:9090', query: up, successCondition: 'result[0] == 1 && foo(result)'}"),
        10, "spec.checks[0].prometheus.successCondition", "invalid condition", "column 19", "unknown name 'foo'");
  }

  @Test
  void aBadFailureConditionIsReportedToo() {
    onlyError(plan("{address: 'http://p:9090', query: up, failureCondition: 'result[0] >'}"),
        10, "spec.checks[0].prometheus.failureCondition", "column 12", "unexpected end of condition");
  }

  @Test
  void needsAConditionAddressQueryAndRangeForStep() {
    List<ValidationError> errors = errorsOf(plan("{address: 'prometheus:9090', step: 10s, templ: x}"));
    hasError(errors, 10, "spec.checks[0].prometheus", "successCondition or failureCondition");
    hasError(errors, 10, "spec.checks[0].prometheus.address", "http://");
    hasError(errors, 10, "spec.checks[0].prometheus.query", "is required");
    hasError(errors, 10, "spec.checks[0].prometheus.step", "needs a range");
  }

  @Test
  void rejectsAnUnknownTemplateVariableInTheQuery() {
    onlyError(plan("{address: 'http://p:9090', query: 'up{x=\"{{target.nope}}\"}', successCondition: 'result[0] == 1'}"),
        10, "spec.checks[0].prometheus.query", "unknown template variable {{target.nope}}");
  }
}
