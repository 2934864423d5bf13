package dev.suture.core.analysis;

import static dev.suture.core.analysis.MeasurementPhase.ERROR;
import static dev.suture.core.analysis.MeasurementPhase.FAILED;
import static dev.suture.core.analysis.MeasurementPhase.INCONCLUSIVE;
import static dev.suture.core.analysis.MeasurementPhase.SUCCESSFUL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateRunTest {
  static final Duration MIN = Duration.ofMinutes(1);
  final ManualClock clock = ManualClock.startingAt("2026-12-01T02:00:00Z");

  private Measurement m(MeasurementPhase p) { return new Measurement(p, clock.instant(), clock.instant(), null, "read"); }

  private Map<String, Measurement> step(Object... nameAndPhase) {
    Map<String, Measurement> s = new LinkedHashMap<>();
    for (int i = 0; i < nameAndPhase.length; i += 2) s.put((String) nameAndPhase[i], m((MeasurementPhase) nameAndPhase[i + 1]));
    return s;
  }

  @Test
  void theTrippedMetricDecidesAndEndsTheOthersEarly() {
    GateRun gate = new GateRun(List.of(MetricSpec.every("latency", 5, MIN), MetricSpec.every("errors", 5, MIN)), clock);
    gate.record(step("latency", SUCCESSFUL, "errors", FAILED));
    Verdict v = gate.verdict().orElseThrow();
    assertThat(v.outcome()).isEqualTo(GateOutcome.HALT);
    assertThat(v.decidingMetric()).contains("errors");
    assertThat(v.reason()).isEqualTo("errors FAILED: failures: 1 > limit 0 (read)");
    assertThat(gate.metric("latency").phase()).isEqualTo(MetricPhase.SUCCESSFUL);
    assertThat(gate.metric("latency").reason()).contains("ended early: errors decided the gate");
    assertThat(gate.nextDue()).isEmpty();
    assertThat(gate.due()).isEmpty();
    assertThatThrownBy(() -> gate.record("latency", m(SUCCESSFUL))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void failedBeatsInconclusiveWhenBothTripInTheSameStep() {
    GateRun gate = new GateRun(List.of(MetricSpec.every("a", 5, MIN), MetricSpec.every("b", 5, MIN)), clock);
    gate.record(step("a", INCONCLUSIVE, "b", FAILED));
    assertThat(gate.verdict().orElseThrow().decidingMetric()).contains("b");
    assertThat(gate.verdict().orElseThrow().outcome()).isEqualTo(GateOutcome.HALT);
  }

  @Test
  void failedBeatsErrorAndErrorBeatsInconclusiveInTheSameStep() {
    MetricSpec quickError = MetricSpec.every("err", 5, MIN).withConsecutiveErrorLimit(0);
    GateRun g1 = new GateRun(List.of(quickError, MetricSpec.every("fail", 5, MIN)), clock);
    g1.record(step("err", ERROR, "fail", FAILED));
    assertThat(g1.verdict().orElseThrow().decidingMetric()).contains("fail");

    GateRun g2 = new GateRun(List.of(MetricSpec.every("inc", 5, MIN), quickError), clock);
    g2.record(step("inc", INCONCLUSIVE, "err", ERROR));
    assertThat(g2.verdict().orElseThrow().decidingMetric()).contains("err");
    assertThat(g2.verdict().orElseThrow().outcome()).isEqualTo(GateOutcome.HALT);
  }

  @Test
  void inconclusivePausesForAHuman() {
    GateRun gate = new GateRun(List.of(MetricSpec.every("a", 5, MIN)), clock);
    gate.record("a", m(INCONCLUSIVE));
    assertThat(gate.verdict().orElseThrow().outcome()).isEqualTo(GateOutcome.PAUSE);
  }

  @Test
  void continuesWhenEveryMetricSucceeds() {
    GateRun gate = new GateRun(List.of(MetricSpec.every("a", 2, MIN), MetricSpec.of("b")), clock);
    gate.record(step("a", SUCCESSFUL, "b", SUCCESSFUL));
    assertThat(gate.verdict()).as("a still has a measurement to take").isEmpty();
    clock.advance(MIN);
    assertThat(gate.due()).containsExactly("a");
    gate.record("a", m(SUCCESSFUL));
    Verdict v = gate.verdict().orElseThrow();
    assertThat(v.outcome()).isEqualTo(GateOutcome.CONTINUE);
    assertThat(v.decidingMetric()).isEmpty();
    assertThat(v.reason()).isEqualTo("all metrics successful");
  }

  @Test
  void unreadablePrometheusHaltsAfterConsecutiveErrorLimitAndNeverPasses() throws Exception {
    GateRun gate = new GateRun(List.of(MetricSpec.every("error-rate", 3, MIN)), clock);
    Measurement.Source down = () -> { throw new IOException("prometheus unreachable: connection refused"); };
    Instant start = clock.instant();
    int measurements = 0;
    while (gate.verdict().isEmpty()) {
      Instant due = gate.nextDue().orElseThrow();
      clock.advance(Duration.between(clock.instant(), due));
      for (String name : gate.due()) gate.record(name, Measurement.take(clock, down));
      measurements++;
    }
    Verdict v = gate.verdict().orElseThrow();
    assertThat(measurements).isEqualTo(5);
    assertThat(Duration.between(start, clock.instant())).as("retried every 10 s").isEqualTo(Duration.ofSeconds(40));
    assertThat(v.outcome()).isEqualTo(GateOutcome.HALT);
    assertThat(v.reason()).isEqualTo("error-rate ERROR: errors: 5 consecutive > limit 4 (prometheus unreachable: connection refused)");
    assertThat(v.explanation()).contains("readings 0 of 3").contains("errors 5 (5 consecutive/limit 4)");
  }

  @Test
  void dryRunMetricsAreRecordedButNeverDecide() {
    GateRun gate = new GateRun(List.of(MetricSpec.every("shadow", 3, MIN).asDryRun(), MetricSpec.every("real", 2, MIN)), clock);
    gate.record(step("shadow", FAILED, "real", SUCCESSFUL));
    assertThat(gate.metric("shadow").phase()).isEqualTo(MetricPhase.FAILED);
    assertThat(gate.verdict()).isEmpty();
    clock.advance(MIN);
    assertThat(gate.due()).containsExactly("real");
    gate.record("real", m(SUCCESSFUL));
    Verdict v = gate.verdict().orElseThrow();
    assertThat(v.outcome()).isEqualTo(GateOutcome.CONTINUE);
    assertThat(v.metrics()).anySatisfy(line -> assertThat(line).startsWith("shadow [dry run]: FAILED"));
  }

  @Test
  void aStepNamingAnEndedMetricRecordsNothing() {
    GateRun gate = new GateRun(List.of(MetricSpec.of("shadow").asDryRun(), MetricSpec.every("real", 3, MIN)), clock);
    gate.record(step("shadow", SUCCESSFUL, "real", SUCCESSFUL));
    assertThatThrownBy(() -> gate.record(step("real", SUCCESSFUL, "shadow", SUCCESSFUL)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("shadow is already SUCCESSFUL");
    assertThat(gate.metric("real").counters().count()).isEqualTo(1);
  }

  @Test
  void aGateOfDryRunMetricsOnlyRunsThemAllAndContinues() {
    GateRun gate = new GateRun(List.of(MetricSpec.of("s1").asDryRun(), MetricSpec.every("s2", 2, MIN).asDryRun()), clock);
    gate.record(step("s1", FAILED, "s2", SUCCESSFUL));
    assertThat(gate.verdict()).isEmpty();
    clock.advance(MIN);
    gate.record("s2", m(INCONCLUSIVE));
    assertThat(gate.verdict().orElseThrow().outcome()).isEqualTo(GateOutcome.CONTINUE);
  }

  @Test
  void indefiniteMetricsEndWithTheGate() {
    GateRun gate = new GateRun(List.of(MetricSpec.every("watch", 0, MIN)), clock);
    for (int i = 0; i < 15; i++) {
      gate.record("watch", m(SUCCESSFUL));
      clock.advance(MIN);
    }
    assertThat(gate.verdict()).isEmpty();
    assertThat(gate.end().outcome()).isEqualTo(GateOutcome.CONTINUE);
    assertThat(gate.metric("watch").phase()).isEqualTo(MetricPhase.SUCCESSFUL);
  }

  @Test
  void endingAGateBeforeAnyReadingPausesInsteadOfPassing() {
    GateRun gate = new GateRun(List.of(MetricSpec.every("watch", 0, MIN).withInitialDelay(Duration.ofMinutes(10))), clock);
    Verdict v = gate.end();
    assertThat(v.outcome()).isEqualTo(GateOutcome.PAUSE);
    assertThat(v.reason()).startsWith("watch INCONCLUSIVE: ended with no reading");
  }

  @Test
  void nextDueIsTheEarliestOfTheRunningMetrics() {
    Instant start = clock.instant();
    GateRun gate = new GateRun(List.of(MetricSpec.every("slow", 3, MIN).withInitialDelay(Duration.ofMinutes(2)),
        MetricSpec.every("fast", 3, MIN).withInitialDelay(Duration.ofSeconds(30))), clock);
    assertThat(gate.nextDue()).contains(start.plusSeconds(30));
    assertThat(gate.due()).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    assertThat(gate.due()).containsExactly("fast");
  }

  @Test
  void verdictExplainsEveryMetric() {
    GateRun gate = new GateRun(List.of(MetricSpec.every("a", 5, MIN).withFailureLimit(2), MetricSpec.every("b", 5, MIN)), clock);
    gate.record(step("a", FAILED, "b", INCONCLUSIVE));
    String text = gate.verdict().orElseThrow().explanation();
    assertThat(text).contains("a: SUCCESSFUL").contains("failed 1/limit 2")
        .contains("b: INCONCLUSIVE - inconclusive: 1 > limit 0");
  }

  @Test
  void rejectsBadGatesNamingTheField() {
    assertThatThrownBy(() -> new GateRun(List.of(), clock)).isInstanceOfSatisfying(InvalidMetricException.class,
        e -> assertThat(e.field()).isEqualTo("metrics"));
    assertThatThrownBy(() -> new GateRun(List.of(MetricSpec.of("a"), MetricSpec.of("a")), clock))
        .isInstanceOfSatisfying(InvalidMetricException.class, e -> assertThat(e.field()).isEqualTo("metrics"));
    GateRun gate = new GateRun(List.of(MetricSpec.of("a")), clock);
    assertThatThrownBy(() -> gate.record("nope", m(SUCCESSFUL))).isInstanceOfSatisfying(InvalidMetricException.class,
        e -> assertThat(e.field()).isEqualTo("metric"));
    assertThatThrownBy(() -> new MetricRun(MetricSpec.of("a"), clock.instant(), 0))
        .isInstanceOfSatisfying(InvalidMetricException.class, e -> assertThat(e.field()).isEqualTo("historyLimit"));
  }
}
