package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.PARSER;
import static dev.suture.core.doc.Parsing.errorsOf;
import static dev.suture.core.doc.Parsing.hasError;
import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.judge.Direction;
import dev.suture.core.judge.EffectSizeMeasure;
import dev.suture.core.judge.MetricSpec;
import dev.suture.core.judge.NanStrategy;
import dev.suture.core.judge.OutlierStrategy;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.plan.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code judge} check: every field, the defaults, and each mistake named with its line. */
class JudgeCheckReadingTest {
  private static String plan(String check) {
    return """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks:
            - name: canary
              judge:
        """ + check.indent(8) + "  stages: [{wave: {percent: 100}}]\n";
  }

  private static CheckSpec.Judge read(String check) {
    Plan p = PARSER.parse("plan.yaml", plan(check)).get(0).as(Plan.class);
    return (CheckSpec.Judge) p.checks().get(0).probe();
  }

  @Test
  void readsEveryField() {
    CheckSpec.Judge j = read("""
        address: http://prometheus:9090
        lookback: 15m
        step: 30s
        pass: 90
        marginal: 60.5
        headers: {Authorization: "Bearer abc"}
        timeout: 4s
        metrics:
          - name: errors
            query: 'sum by (instance) (rate(http_requests_total{instance=~"({{group.addresses}}):.*",code=~"5.."}[1m]))'
            direction: increase
            errorRate: true
            critical: true
            mustHaveData: true
            nanStrategy: replace
            outliers: remove
            group: health
            effectSize: {measure: cles, allowedIncrease: 0.6, allowedDecrease: 0.4, criticalIncrease: 0.8, criticalDecrease: 0.2}
          - name: latency
            query: 'histogram_quantile(0.99, rate(lat_bucket{name=~"{{group.names}}",patch="{{patch.id}}"}[1m]))'
        """);
    assertThat(j).isEqualTo(new CheckSpec.Judge("http://prometheus:9090", Duration.ofMinutes(15), Duration.ofSeconds(30), List.of(
        new CheckSpec.JudgeMetric("sum by (instance) (rate(http_requests_total{instance=~\"({{group.addresses}}):.*\",code=~\"5..\"}[1m]))",
            new MetricSpec("errors", "health", Direction.INCREASE, NanStrategy.REPLACE, OutlierStrategy.REMOVE, true, true,
                EffectSizeMeasure.CLES, 0.6, 0.4, 0.8, 0.2), true),
        new CheckSpec.JudgeMetric("histogram_quantile(0.99, rate(lat_bucket{name=~\"{{group.names}}\",patch=\"{{patch.id}}\"}[1m]))",
            MetricSpec.defaults("latency"), false)),
        90, 60.5, Map.of("Authorization", "Bearer abc"), Duration.ofSeconds(4)));
    assertThat(j.errorRateMetric()).map(m -> m.spec().name()).contains("errors");
    assertThat(j.perTarget()).isFalse();
  }

  @Test
  void aCanaryBakeMayNameIt() {
    Plan p = PARSER.parse("plan.yaml", plan("{address: 'http://p:9090', metrics: [{name: m, query: up}]}")
        .replace("[{wave: {percent: 100}}]", "[{canary: {count: 1, bake: 5m, checks: [canary]}}, {wave: {percent: 100}}]")).get(0).as(Plan.class);
    assertThat(p.stages()).hasSize(2);
  }

  @Test
  void defaults() {
    CheckSpec.Judge j = read("{address: 'http://p:9090', metrics: [{name: m, query: up}]}");
    assertThat(j.lookback()).isEqualTo(Duration.ofMinutes(10));
    assertThat(j.step()).isEqualTo(Duration.ofSeconds(10));
    assertThat(j.pass()).isEqualTo(95);
    assertThat(j.marginal()).isEqualTo(75);
    assertThat(j.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(j.metrics().get(0).spec()).isEqualTo(MetricSpec.defaults("m"));
    assertThat(j.errorRateMetric()).isEmpty();
  }

  @Test
  void criticalBoundsDefaultToTheAllowedOnes() {
    CheckSpec.Judge j = read("{address: 'http://p:9090', metrics: [{name: m, query: up, critical: true, effectSize: {allowedIncrease: 1.5}}]}");
    MetricSpec s = j.metrics().get(0).spec();
    assertThat(s.criticalIncrease()).isEqualTo(1.5);
    assertThat(s.criticalDecrease()).isEqualTo(1.0);
  }

  @Test
  void rejectsTargetVariablesInAQuery() {
    onlyError(plan("{address: 'http://p:9090', metrics: [{name: m, query: 'up{instance=\"{{target.address}}\"}'}]}"),
        10, "spec.checks[0].judge.metrics[0].query", "unknown template variable {{target.address}}", "group.addresses");
  }

  @Test
  void rejectsGroupVariablesInTheAddress() {
    onlyError(plan("{address: 'http://{{group.names}}:9090', metrics: [{name: m, query: up}]}"),
        10, "spec.checks[0].judge.address", "unknown template variable {{group.names}}");
  }

  @Test
  void namesEachBadFieldWithItsLine() {
    List<ValidationError> errors = errorsOf(plan("""
        address: prometheus:9090
        lookback: 1m
        step: 2m
        pass: 101
        metrics:
          - name: m
            query: up
            direction: sideways
            errorRate: true
          - name: m
            nanStrategy: drop
            errorRate: true
            effectSize: {measure: median, allowedIncrease: -1}
        """));
    hasError(errors, 10, "spec.checks[0].judge.address", "http://");
    hasError(errors, 12, "spec.checks[0].judge.step", "must not be longer than lookback 1m");
    hasError(errors, 13, "spec.checks[0].judge.pass", "between 0 and 100");
    hasError(errors, 17, "spec.checks[0].judge.metrics[0].direction", "'sideways' is not one of increase, decrease, either");
    hasError(errors, 19, "spec.checks[0].judge.metrics[1].name", "duplicate metric name 'm'");
    hasError(errors, 19, "spec.checks[0].judge.metrics[1].query", "is required");
    hasError(errors, 20, "spec.checks[0].judge.metrics[1].nanStrategy", "'drop' is not one of remove, replace");
    hasError(errors, 21, "spec.checks[0].judge.metrics[1].errorRate", "only one metric");
    hasError(errors, 22, "spec.checks[0].judge.metrics[1].effectSize.measure", "'median' is not one of mean_ratio, cles");
    hasError(errors, 22, "spec.checks[0].judge.metrics[1].effectSize.allowedIncrease", "between 0 and");
  }

  @Test
  void marginalAbovePassIsRefused() {
    onlyError(plan("{address: 'http://p:9090', pass: 70, marginal: 80, metrics: [{name: m, query: up}]}"),
        10, "spec.checks[0].judge.marginal", "marginal 80.0 must not be above pass 70.0");
  }

  @Test
  void needsMetrics() {
    onlyError(plan("{address: 'http://p:9090'}"), 10, "spec.checks[0].judge.metrics", "is required");
    onlyError(plan("{address: 'http://p:9090', metrics: []}"), 10, "spec.checks[0].judge.metrics", "must not be empty");
  }

  @Test
  void criticalBoundsNeedACriticalMetricAndMustBeWorseThanTheAllowedOnes() {
    onlyError(plan("{address: 'http://p:9090', metrics: [{name: m, query: up, effectSize: {criticalIncrease: 2}}]}"),
        10, "spec.checks[0].judge.metrics[0].effectSize.criticalIncrease", "only used with critical: true");
    onlyError(plan("{address: 'http://p:9090', metrics: [{name: m, query: up, critical: true, effectSize: {allowedIncrease: 2, criticalIncrease: 1.5}}]}"),
        10, "spec.checks[0].judge.metrics[0].effectSize.criticalIncrease", "must not be below allowedIncrease 2.0");
  }

  @Test
  void anUnknownMetricFieldIsNamed() {
    onlyError(plan("{address: 'http://p:9090', metrics: [{name: m, query: up, weight: 3}]}"),
        10, "spec.checks[0].judge.metrics[0].weight", "unknown field");
  }
}
