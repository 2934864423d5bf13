package dev.suture.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BurnRateTest {
  final BurnRatePolicy slo = BurnRatePolicy.of(99.9); // budget 0.001; pause > 3x (0.003), halt > 14.4x (0.0144)

  @Test
  void burnRateIsTheErrorRatioOverTheBudget() {
    BurnRate r = BurnRate.assess(slo, 0.002, 0.001);
    assertThat(r.shortBurn()).isCloseTo(2.0, within(1e-9));
    assertThat(r.longBurn()).isCloseTo(1.0, within(1e-9));
    assertThat(r.outcome()).isEqualTo(GateOutcome.CONTINUE);
  }

  @Test
  void pausesWhenBothWindowsExceedThePauseThreshold() {
    assertThat(BurnRate.assess(slo, 0.0031, 0.0031).outcome()).isEqualTo(GateOutcome.PAUSE);
  }

  @Test
  void continuesWhenBurnEqualsThePauseThreshold() {
    assertThat(BurnRate.assess(slo, 0.003, 0.003).outcome()).isEqualTo(GateOutcome.CONTINUE);
  }

  @Test
  void haltsWhenBothWindowsExceedTheHaltThreshold() {
    BurnRate r = BurnRate.assess(slo, 0.02, 0.015);
    assertThat(r.outcome()).isEqualTo(GateOutcome.HALT);
    assertThat(r.working()).isEqualTo("budget 1 - 99.9% = 0.001; short window 0.02 / 0.001 = 20x, "
        + "long window 0.015 / 0.001 = 15x; both windows > halt threshold 14.4 -> HALT");
  }

  @Test
  void pausesNotHaltsWhenOnlyOneWindowExceedsTheHaltThreshold() {
    assertThat(BurnRate.assess(slo, 0.05, 0.005).outcome()).isEqualTo(GateOutcome.PAUSE);
  }

  @Test
  void aShortSpikeAloneDoesNotCount() {
    assertThat(BurnRate.assess(slo, 0.5, 0.001).outcome()).isEqualTo(GateOutcome.CONTINUE);
  }

  @Test
  void anOldBurnThatHasStoppedDoesNotCount() {
    assertThat(BurnRate.assess(slo, 0.0, 0.02).outcome()).isEqualTo(GateOutcome.CONTINUE);
  }

  @Test
  void thresholdsAreConfigurable() {
    BurnRatePolicy strict = new BurnRatePolicy(99.0, 1.0, 2.0); // budget 0.01
    assertThat(BurnRate.assess(strict, 0.015, 0.015).outcome()).isEqualTo(GateOutcome.PAUSE);
    assertThat(BurnRate.assess(strict, 0.021, 0.021).outcome()).isEqualTo(GateOutcome.HALT);
  }

  @Test
  void mapsToMeasurementReadings() {
    assertThat(BurnRate.assess(slo, 0, 0).toReading().phase()).isEqualTo(MeasurementPhase.SUCCESSFUL);
    assertThat(BurnRate.assess(slo, 0.004, 0.004).toReading().phase()).isEqualTo(MeasurementPhase.INCONCLUSIVE);
    assertThat(BurnRate.assess(slo, 0.9, 0.9).toReading().phase()).isEqualTo(MeasurementPhase.FAILED);
  }

  @Test
  void aMissingRatioBecomesAnErrorMeasurementNotZeroErrors() throws Exception {
    Measurement m = Measurement.take(dev.suture.core.testing.ManualClock.startingAt("2026-12-01T02:00:00Z"),
        () -> BurnRate.assess(slo, Double.NaN, 0.0).toReading());
    assertThat(m.phase()).isEqualTo(MeasurementPhase.ERROR);
    assertThat(m.message()).startsWith("shortWindowRatio:");
  }

  private static void assertField(Runnable r, String field) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidMetricException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void rejectsBadInputNamingTheField() {
    assertField(() -> BurnRatePolicy.of(100), "objective");
    assertField(() -> BurnRatePolicy.of(0), "objective");
    assertField(() -> BurnRatePolicy.of(Double.NaN), "objective");
    assertField(() -> new BurnRatePolicy(99.9, 0, 14.4), "pauseThreshold");
    assertField(() -> new BurnRatePolicy(99.9, 3, 3), "haltThreshold");
    assertField(() -> BurnRate.assess(slo, -0.1, 0), "shortWindowRatio");
    assertField(() -> BurnRate.assess(slo, 0, 1.1), "longWindowRatio");
  }
}
