package dev.suture.core.analysis;

import dev.suture.core.port.CheckResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** One finished measurement of a metric. {@code value} is what was read (may be null for errors). */
public record Measurement(MeasurementPhase phase, Instant startedAt, Instant finishedAt, String value, String message) {
  public Measurement {
    if (phase == null) throw new InvalidMetricException("phase", "is required");
    if (startedAt == null) throw new InvalidMetricException("startedAt", "is required");
    if (finishedAt == null) throw new InvalidMetricException("finishedAt", "is required");
    if (finishedAt.isBefore(startedAt)) throw new InvalidMetricException("finishedAt", "is before startedAt");
    message = message == null ? "" : message;
  }

  /** What a source reports when it could be read. An unreadable source throws instead. */
  public record Reading(MeasurementPhase phase, String value, String message) {
    public Reading { Objects.requireNonNull(phase, "phase"); }
  }

  /** Reads a metric source once; throwing means "could not read". */
  @FunctionalInterface
  public interface Source {
    Reading read() throws Exception;
  }

  /**
   * Takes a measurement. Any exception, and a null reading, becomes ERROR: an unreadable source can
   * never produce SUCCESSFUL, whatever the provider does. Interruption is not a measurement — the
   * driver is stopping — so it propagates with the interrupt flag kept.
   */
  public static Measurement take(Clock clock, Source source) throws InterruptedException {
    Instant started = clock.instant();
    Reading reading;
    try {
      reading = source.read();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    } catch (Exception e) {
      // Errors (OutOfMemoryError, ...) propagate: they are not SUCCESSFUL either, and the driver must see them.
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Measurement(MeasurementPhase.ERROR, started, clock.instant(), null, why);
    }
    if (reading == null) {
      return new Measurement(MeasurementPhase.ERROR, started, clock.instant(), null, "source returned no reading");
    }
    return new Measurement(reading.phase(), started, clock.instant(), reading.value(), reading.message());
  }

  /**
   * Maps a check result: PASS → SUCCESSFUL, FAIL → FAILED, INCONCLUSIVE → INCONCLUSIVE, ERROR (or
   * none) → ERROR.
   */
  public static Measurement fromCheck(CheckResult result, Instant startedAt, Instant finishedAt) {
    if (result == null || result.status() == null) {
      return new Measurement(MeasurementPhase.ERROR, startedAt, finishedAt, null, "check returned no result");
    }
    MeasurementPhase phase;
    switch (result.status()) {
      case PASS: phase = MeasurementPhase.SUCCESSFUL; break;
      case FAIL: phase = MeasurementPhase.FAILED; break;
      case INCONCLUSIVE: phase = MeasurementPhase.INCONCLUSIVE; break;
      default: phase = MeasurementPhase.ERROR; break;
    }
    return new Measurement(phase, startedAt, finishedAt, null, result.message());
  }
}
