package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.PARSER;
import static dev.suture.core.doc.Parsing.errorsOf;
import static dev.suture.core.doc.Parsing.hasError;
import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.analysis.BurnRatePolicy;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.plan.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code burnRate} check: every field, the defaults, and each mistake named with its line. */
class BurnRateCheckReadingTest {
  private static final String QUERY = "sum(rate(http_requests_total{code=~\"5..\"}[{{window}}])) / sum(rate(http_requests_total[{{window}}]))";

  private static String plan(String check) {
    return """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks:
            - name: slo
              burnRate:
        """ + check.indent(8) + "  stages: [{wave: {percent: 100}}]\n";
  }

  private static CheckSpec.BurnRate read(String check) {
    Plan p = PARSER.parse("plan.yaml", plan(check)).get(0).as(Plan.class);
    return (CheckSpec.BurnRate) p.checks().get(0).probe();
  }

  @Test
  void readsEveryField() {
    CheckSpec.BurnRate b = read("""
        address: http://prometheus:9090
        errorRatioQuery: 'QUERY'
        objective: 99.9
        shortWindow: 2m
        longWindow: 30m
        pauseThreshold: 2
        haltThreshold: 10
        headers: {Authorization: "Bearer abc"}
        timeout: 3s
        """.replace("QUERY", QUERY));
    assertThat(b).isEqualTo(new CheckSpec.BurnRate("http://prometheus:9090", QUERY, new BurnRatePolicy(99.9, 2, 10),
        Duration.ofMinutes(2), Duration.ofMinutes(30), Map.of("Authorization", "Bearer abc"), Duration.ofSeconds(3)));
    assertThat(b.perTarget()).isFalse();
  }

  @Test
  void defaults() {
    CheckSpec.BurnRate b = read("{address: 'http://p:9090', errorRatioQuery: 'x[{{window}}]', objective: 99.5}");
    assertThat(b.policy()).isEqualTo(BurnRatePolicy.of(99.5));
    assertThat(b.shortWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(b.longWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theQueryNeedsTheWindowAndNoTargetVariable() {
    onlyError(plan("{address: 'http://p:9090', errorRatioQuery: 'x[5m]', objective: 99.5}"),
        10, "spec.checks[0].burnRate.errorRatioQuery", "must contain {{window}}");
    onlyError(plan("{address: 'http://p:9090', errorRatioQuery: 'x{i=\"{{target.name}}\"}[{{window}}]', objective: 99.5}"),
        10, "spec.checks[0].burnRate.errorRatioQuery", "unknown template variable {{target.name}}");
  }

  @Test
  void namesEachBadFieldWithItsLine() {
    List<ValidationError> errors = errorsOf(plan("""
        address: http://p:9090
        errorRatioQuery: 'x[{{window}}]'
        objective: 100
        shortWindow: 1h
        longWindow: 5m
        pauseThreshold: 5
        haltThreshold: 4
        """));
    hasError(errors, 12, "spec.checks[0].burnRate.objective", "strictly between 0 and 100");
    hasError(errors, 13, "spec.checks[0].burnRate.shortWindow", "shortWindow 1h must be shorter than longWindow 5m");
    hasError(errors, 16, "spec.checks[0].burnRate.haltThreshold", "must be greater than pauseThreshold 5.0");
  }

  @Test
  void needsAnObjective() {
    onlyError(plan("{address: 'http://p:9090', errorRatioQuery: 'x[{{window}}]'}"),
        10, "spec.checks[0].burnRate.objective", "is required", "99.9");
  }

  @Test
  void oneProbeOnly() {
    List<ValidationError> errors = errorsOf(plan("{address: 'http://p:9090', errorRatioQuery: 'x[{{window}}]', objective: 99}")
        .replace("      burnRate:", "      http: {url: 'http://x'}\n      burnRate:"));
    hasError(errors, 8, "spec.checks[0]", "exactly one of: http, command, prometheus, judge, burnRate");
  }
}
