package dev.suture.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.port.CheckResult;
import dev.suture.core.testing.ManualClock;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeasurementTest {
  final ManualClock clock = ManualClock.startingAt("2026-12-01T02:00:00Z");

  @Test
  void aSourceThatThrowsIsAnErrorMeasurement() throws Exception {
    Measurement m = Measurement.take(clock, () -> { throw new IOException("connection refused"); });
    assertThat(m.phase()).isEqualTo(MeasurementPhase.ERROR);
    assertThat(m.message()).isEqualTo("connection refused");
  }

  @Test
  void aRuntimeFailureWithoutMessageIsAnErrorNamedByItsType() throws Exception {
    Measurement m = Measurement.take(clock, () -> { throw new NullPointerException(); });
    assertThat(m.phase()).isEqualTo(MeasurementPhase.ERROR);
    assertThat(m.message()).isEqualTo("NullPointerException");
  }

  @Test
  void aSourceReturningNothingIsAnErrorMeasurement() throws Exception {
    assertThat(Measurement.take(clock, () -> null).phase()).isEqualTo(MeasurementPhase.ERROR);
  }

  @Test
  void aReadingKeepsItsPhaseValueAndTiming() throws Exception {
    Instant start = clock.instant();
    Measurement m = Measurement.take(clock, () -> {
      clock.advance(java.time.Duration.ofSeconds(2));
      return new Measurement.Reading(MeasurementPhase.FAILED, "0.07", "error ratio 0.07 > 0.01");
    });
    assertThat(m).isEqualTo(new Measurement(MeasurementPhase.FAILED, start, start.plusSeconds(2), "0.07", "error ratio 0.07 > 0.01"));
  }

  @Test
  void interruptionPropagatesAndIsNotAMeasurement() {
    assertThatThrownBy(() -> Measurement.take(clock, () -> { throw new InterruptedException("stop"); }))
        .isInstanceOf(InterruptedException.class);
    assertThat(Thread.interrupted()).as("flag kept (and cleared here)").isTrue();
  }

  @Test
  void mapsCheckResults() {
    Instant t = clock.instant();
    assertThat(Measurement.fromCheck(CheckResult.pass("h", "200"), t, t).phase()).isEqualTo(MeasurementPhase.SUCCESSFUL);
    assertThat(Measurement.fromCheck(CheckResult.fail("h", "500"), t, t).phase()).isEqualTo(MeasurementPhase.FAILED);
    assertThat(Measurement.fromCheck(CheckResult.error("h", "timeout"), t, t).phase()).isEqualTo(MeasurementPhase.ERROR);
    assertThat(Measurement.fromCheck(CheckResult.inconclusive("h", "neither"), t, t).phase()).isEqualTo(MeasurementPhase.INCONCLUSIVE);
    assertThat(Measurement.fromCheck(null, t, t).phase()).isEqualTo(MeasurementPhase.ERROR);
  }

  @Test
  void rejectsAMeasurementThatEndsBeforeItStarts() {
    Instant t = clock.instant();
    assertThatThrownBy(() -> new Measurement(MeasurementPhase.SUCCESSFUL, t, t.minusSeconds(1), null, null))
        .isInstanceOfSatisfying(InvalidMetricException.class, e -> assertThat(e.field()).isEqualTo("finishedAt"));
    assertThatThrownBy(() -> new Measurement(null, t, t, null, null))
        .isInstanceOfSatisfying(InvalidMetricException.class, e -> assertThat(e.field()).isEqualTo("phase"));
  }
}
