package dev.suture.core.analysis;

import static dev.suture.core.analysis.MeasurementPhase.ERROR;
import static dev.suture.core.analysis.MeasurementPhase.FAILED;
import static dev.suture.core.analysis.MeasurementPhase.INCONCLUSIVE;
import static dev.suture.core.analysis.MeasurementPhase.SUCCESSFUL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricRunTest {
  static final Duration MIN = Duration.ofMinutes(1);
  final ManualClock clock = ManualClock.startingAt("2026-12-01T02:00:00Z");

  private MetricRun run(MetricSpec spec) { return new MetricRun(spec, clock.instant(), MetricRun.DEFAULT_HISTORY); }

  private void feed(MetricRun run, MeasurementPhase... phases) {
    for (MeasurementPhase p : phases) {
      run.record(new Measurement(p, clock.instant(), clock.instant(), null, p == ERROR ? "prometheus unreachable: connection refused" : "read"));
    }
  }

  @Test
  void failsWhenFailuresExceedFailureLimit() {
    MetricRun r = run(MetricSpec.every("m", 5, MIN).withFailureLimit(1));
    feed(r, FAILED);
    assertThat(r.phase()).as("failures 1 = limit 1 is not over").isEqualTo(MetricPhase.RUNNING);
    feed(r, FAILED);
    assertThat(r.phase()).isEqualTo(MetricPhase.FAILED);
    assertThat(r.reason()).isEqualTo("failures: 2 > limit 1 (read)");
  }

  @Test
  void failsOnFirstFailureWithDefaultFailureLimit() {
    MetricRun r = run(MetricSpec.every("m", 5, MIN));
    feed(r, SUCCESSFUL, FAILED);
    assertThat(r.phase()).isEqualTo(MetricPhase.FAILED);
  }

  @Test
  void succeedsWhenCountReachedWithFailuresAtLimit() {
    MetricRun r = run(MetricSpec.every("m", 3, MIN).withFailureLimit(1));
    feed(r, SUCCESSFUL, FAILED);
    assertThat(r.phase()).isEqualTo(MetricPhase.RUNNING);
    feed(r, SUCCESSFUL);
    assertThat(r.phase()).isEqualTo(MetricPhase.SUCCESSFUL);
    assertThat(r.reason()).isEqualTo("count 3 reached");
  }

  @Test
  void tripOnTheLastMeasurementBeatsCountReached() {
    MetricRun r = run(MetricSpec.every("m", 2, MIN));
    feed(r, SUCCESSFUL, FAILED);
    assertThat(r.phase()).isEqualTo(MetricPhase.FAILED);
  }

  @Test
  void isInconclusiveWhenInconclusivesExceedInconclusiveLimit() {
    MetricRun r = run(MetricSpec.every("m", 5, MIN).withInconclusiveLimit(1));
    feed(r, INCONCLUSIVE);
    assertThat(r.phase()).isEqualTo(MetricPhase.RUNNING);
    feed(r, INCONCLUSIVE);
    assertThat(r.phase()).isEqualTo(MetricPhase.INCONCLUSIVE);
    assertThat(r.reason()).startsWith("inconclusive: 2 > limit 1");
  }

  @Test
  void errorsWhenConsecutiveErrorsExceedTheDefaultLimitOfFour() {
    MetricRun r = run(MetricSpec.every("m", 3, MIN));
    feed(r, ERROR, ERROR, ERROR, ERROR);
    assertThat(r.phase()).as("4 consecutive = limit 4").isEqualTo(MetricPhase.RUNNING);
    feed(r, ERROR);
    assertThat(r.phase()).isEqualTo(MetricPhase.ERROR);
    assertThat(r.reason()).isEqualTo("errors: 5 consecutive > limit 4 (prometheus unreachable: connection refused)");
  }

  @Test
  void aReadingResetsTheErrorStreak() {
    MetricRun r = run(MetricSpec.every("m", 0, MIN).withFailureLimit(9));
    feed(r, ERROR, ERROR, ERROR, ERROR, FAILED, ERROR, ERROR, ERROR, ERROR);
    assertThat(r.phase()).isEqualTo(MetricPhase.RUNNING);
    assertThat(r.counters().errors()).isEqualTo(8);
    assertThat(r.counters().consecutiveErrors()).isEqualTo(4);
  }

  @Test
  void anErrorDoesNotConsumeCount() {
    MetricRun r = run(MetricSpec.every("m", 2, MIN));
    feed(r, ERROR, SUCCESSFUL, ERROR);
    assertThat(r.counters().count()).isEqualTo(1);
    assertThat(r.phase()).isEqualTo(MetricPhase.RUNNING);
    feed(r, SUCCESSFUL);
    assertThat(r.phase()).isEqualTo(MetricPhase.SUCCESSFUL);
  }

  @Test
  void retriesAnErrorAfterTenSecondsButAReadingWaitsTheInterval() {
    MetricRun r = run(MetricSpec.every("m", 3, MIN));
    Instant t0 = clock.instant();
    feed(r, ERROR);
    assertThat(r.nextDue()).contains(t0.plusSeconds(10));
    clock.advance(Duration.ofSeconds(9));
    assertThat(r.isDue(clock.instant())).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(r.isDue(clock.instant())).isTrue();
    feed(r, SUCCESSFUL);
    assertThat(r.nextDue()).contains(clock.instant().plus(MIN));
  }

  @Test
  void retriesAnErrorAfterTheIntervalWhenItIsShorterThanTenSeconds() {
    MetricRun r = run(MetricSpec.every("m", 3, Duration.ofSeconds(4)));
    feed(r, ERROR);
    assertThat(r.nextDue()).contains(clock.instant().plusSeconds(4));
  }

  @Test
  void firstMeasurementWaitsForTheInitialDelay() {
    Instant start = clock.instant();
    MetricRun r = run(MetricSpec.every("m", 3, MIN).withInitialDelay(Duration.ofMinutes(2)));
    assertThat(r.nextDue()).contains(start.plus(Duration.ofMinutes(2)));
    clock.advance(Duration.ofSeconds(119));
    assertThat(r.isDue(clock.instant())).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(r.isDue(clock.instant())).isTrue();
  }

  @Test
  void succeedsWhenConsecutiveSuccessLimitIsReached() {
    MetricRun r = run(MetricSpec.every("m", 5, MIN).withFailureLimit(3).withConsecutiveSuccessLimit(2));
    feed(r, SUCCESSFUL, FAILED, SUCCESSFUL);
    assertThat(r.phase()).isEqualTo(MetricPhase.RUNNING);
    feed(r, SUCCESSFUL);
    assertThat(r.phase()).isEqualTo(MetricPhase.SUCCESSFUL);
    assertThat(r.reason()).isEqualTo("successes: 2 in a row reached consecutiveSuccessLimit 2");
  }

  @Test
  void isInconclusiveWhenCountRunsOutBeforeConsecutiveSuccessLimit() {
    MetricRun r = run(MetricSpec.every("m", 3, MIN).withFailureLimit(3).withConsecutiveSuccessLimit(2));
    feed(r, SUCCESSFUL, FAILED, SUCCESSFUL);
    assertThat(r.phase()).isEqualTo(MetricPhase.INCONCLUSIVE);
  }

  @Test
  void anErrorBreaksASuccessStreak() {
    MetricRun r = run(MetricSpec.every("m", 0, MIN).withConsecutiveSuccessLimit(2));
    feed(r, SUCCESSFUL, ERROR, SUCCESSFUL);
    assertThat(r.phase()).isEqualTo(MetricPhase.RUNNING);
    feed(r, SUCCESSFUL);
    assertThat(r.phase()).isEqualTo(MetricPhase.SUCCESSFUL);
  }

  @Test
  void failsWhenConsecutiveFailureLimitIsReached() {
    MetricRun r = run(MetricSpec.every("m", 10, MIN).withFailureLimit(10).withConsecutiveFailureLimit(3));
    feed(r, FAILED, FAILED, SUCCESSFUL, FAILED, FAILED);
    assertThat(r.phase()).as("a success broke the streak; 2 in a row < 3").isEqualTo(MetricPhase.RUNNING);
    feed(r, FAILED);
    assertThat(r.phase()).isEqualTo(MetricPhase.FAILED);
    assertThat(r.reason()).isEqualTo("failures: 3 in a row reached consecutiveFailureLimit 3 (read)");
  }

  @Test
  void anErrorDoesNotBreakAFailureStreak() {
    MetricRun r = run(MetricSpec.every("m", 10, MIN).withFailureLimit(10).withConsecutiveFailureLimit(3));
    feed(r, FAILED, FAILED, ERROR, FAILED);
    assertThat(r.phase()).isEqualTo(MetricPhase.FAILED);
  }

  @Test
  void indefiniteCountRunsUntilTheGateEndsIt() {
    MetricRun r = run(MetricSpec.every("m", 0, MIN).withFailureLimit(2));
    for (int i = 0; i < 100; i++) feed(r, SUCCESSFUL);
    feed(r, FAILED);
    assertThat(r.phase()).isEqualTo(MetricPhase.RUNNING);
    assertThat(r.nextDue()).isPresent();
    feed(r, SUCCESSFUL);
    r.end("gate ended");
    assertThat(r.phase()).isEqualTo(MetricPhase.SUCCESSFUL);
    assertThat(r.reason()).isEqualTo("ended after 102 readings within limits (gate ended)");
    assertThat(r.nextDue()).isEmpty();
  }

  @Test
  void endingWithNoReadingIsInconclusiveNotSuccessful() {
    MetricRun r = run(MetricSpec.every("m", 0, MIN));
    feed(r, ERROR, ERROR);
    r.end("gate ended");
    assertThat(r.phase()).isEqualTo(MetricPhase.INCONCLUSIVE);
    assertThat(r.reason()).startsWith("ended with no reading");
  }

  @Test
  void endingRightAfterAnErrorIsInconclusive() {
    MetricRun r = run(MetricSpec.every("m", 0, MIN));
    feed(r, SUCCESSFUL, ERROR);
    r.end("gate ended");
    assertThat(r.phase()).isEqualTo(MetricPhase.INCONCLUSIVE);
    assertThat(r.reason()).contains("prometheus unreachable");
  }

  @Test
  void keepsOnlyTheLastNMeasurements() {
    MetricRun r = new MetricRun(MetricSpec.every("m", 0, MIN), clock.instant(), 3);
    for (int i = 1; i <= 5; i++) {
      r.record(new Measurement(SUCCESSFUL, clock.instant(), clock.instant(), String.valueOf(i), ""));
    }
    assertThat(r.history()).extracting(Measurement::value).containsExactly("3", "4", "5");
    assertThat(r.counters().count()).as("counters keep the full run").isEqualTo(5);
  }

  @Test
  void refusesMeasurementsOnceDecided() {
    MetricRun r = run(MetricSpec.every("m", 3, MIN));
    feed(r, FAILED);
    assertThat(r.nextDue()).isEmpty();
    assertThatThrownBy(() -> feed(r, SUCCESSFUL)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already FAILED");
  }

  @Test
  void summaryShowsEveryCountAndLimit() {
    MetricRun r = run(MetricSpec.every("errors", 3, MIN).withFailureLimit(1));
    feed(r, SUCCESSFUL, FAILED, ERROR);
    assertThat(r.summary()).isEqualTo("errors: RUNNING - running; readings 2 of 3, successful 1, failed 1/limit 1, "
        + "inconclusive 0/limit 0, errors 1 (1 consecutive/limit 4)");
  }
}
