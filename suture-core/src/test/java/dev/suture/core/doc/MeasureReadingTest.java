package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.PARSER;
import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.analysis.MetricSpec;
import dev.suture.core.plan.Measure;
import dev.suture.core.plan.Plan;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Argo's measurement fields beside a check's probe: read, defaulted, and validated as the gate will use them. */
class MeasureReadingTest {
  private static String plan(String fields) {
    return """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks:
            - name: health
              command: {argv: [true]}
        """ + fields.indent(6) + "  stages: [{wave: {percent: 100}}]\n";
  }

  @Test
  void readsEveryField() {
    Plan p = PARSER.parse("plan.yaml", plan("""
        count: 5
        interval: 30s
        initialDelay: 1m
        failureLimit: 1
        inconclusiveLimit: 2
        consecutiveErrorLimit: 3
        consecutiveSuccessLimit: 4
        consecutiveFailureLimit: 2
        dryRun: true
        """)).get(0).as(Plan.class);
    Measure m = p.checks().get(0).measure();
    assertThat(m).isEqualTo(new Measure(Optional.of(5), Optional.of(Duration.ofSeconds(30)), Duration.ofMinutes(1), 1, 2, 3, 4, 2, true));
    assertThat(m.forObservation("health", Duration.ofSeconds(10))).isEqualTo(
        new MetricSpec("health", 5, Duration.ofSeconds(30), Duration.ofMinutes(1), 1, 2, 3, 4, 2, true));
  }

  @Test
  void defaultsAreArgosAndDependOnTheGate() {
    Plan p = PARSER.parse("plan.yaml", plan("")).get(0).as(Plan.class);
    Measure m = p.checks().get(0).measure();
    assertThat(m).isEqualTo(Measure.DEFAULTS);
    // An observation measures until it ends, at the stage's interval; a verification once.
    assertThat(m.forObservation("health", Duration.ofSeconds(7))).isEqualTo(MetricSpec.every("health", 0, Duration.ofSeconds(7)));
    assertThat(m.forVerification("health")).isEqualTo(MetricSpec.of("health"));
  }

  @Test
  void aVerificationThatMeasuresMoreThanOnceRetriesEveryTenSecondsUnlessTold() {
    Plan p = PARSER.parse("plan.yaml", plan("count: 3")).get(0).as(Plan.class);
    assertThat(p.checks().get(0).measure().forVerification("health").interval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aLimitTheCountCanNeverReachIsRejectedWithItsLine() {
    onlyError(plan("count: 3\nconsecutiveSuccessLimit: 4"), 11, "spec.checks[0].consecutiveSuccessLimit", "must not exceed count 3");
  }

  @Test
  void negativeLimitsAndBadValuesNameTheirField() {
    onlyError(plan("failureLimit: -1"), 10, "spec.checks[0].failureLimit", "");
    onlyError(plan("dryRun: maybe"), 10, "spec.checks[0].dryRun", "");
    onlyError(plan("interval: 0s"), 10, "spec.checks[0].interval", "greater than 0");
    onlyError(plan("countt: 3"), 10, "spec.checks[0].countt", "unknown field");
  }
}
