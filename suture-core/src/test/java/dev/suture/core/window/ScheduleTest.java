package dev.suture.core.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Instant at(String iso) { return Instant.parse(iso); }

  @Test
  void aWindowThatOpenedBeforeNowAndIsWithinItsDurationIsOpen() {
    var s = new Schedule("0 2 * * SAT", Duration.ofHours(4), ZoneOffset.UTC);
    // 2026-11-28 is a Saturday.
    assertThat(s.openingAt(at("2026-11-28T05:59:59Z"))).contains(new Opening(at("2026-11-28T02:00:00Z"), at("2026-11-28T06:00:00Z")));
    assertThat(s.openingAt(at("2026-11-28T02:00:00Z"))).isPresent();
    assertThat(s.openingAt(at("2026-11-28T06:00:00Z"))).isEmpty();
    assertThat(s.openingAt(at("2026-11-28T01:59:59Z"))).isEmpty();
  }

  @Test
  void nextOpeningStartsStrictlyAfterTheInstant() {
    var s = new Schedule("0 2 * * SAT", Duration.ofHours(4), ZoneOffset.UTC);
    assertThat(s.nextOpening(at("2026-11-28T02:00:00Z")).orElseThrow().start()).isEqualTo(at("2026-12-05T02:00:00Z"));
    assertThat(s.nextOpening(at("2026-11-27T12:00:00Z")).orElseThrow().start()).isEqualTo(at("2026-11-28T02:00:00Z"));
  }

  @Test
  void readsTheScheduleInItsTimeZone() {
    var s = new Schedule("0 2 * * SAT", Duration.ofHours(4), BERLIN);
    // Winter: Berlin is UTC+1, so 02:00 local is 01:00Z.
    assertThat(s.nextOpening(at("2026-11-27T12:00:00Z")).orElseThrow())
        .isEqualTo(new Opening(at("2026-11-28T01:00:00Z"), at("2026-11-28T05:00:00Z")));
  }

  @Test
  void nextOpeningAcrossTheSpringForwardChangeIsAnHourSooner() {
    // 2026-03-29 02:00 CET -> 03:00 CEST. A daily 01:00 window: 00:00Z before the change, 23:00Z after it.
    var s = new Schedule("0 1 * * *", Duration.ofHours(2), BERLIN);
    assertThat(s.nextOpening(at("2026-03-28T12:00:00Z")).orElseThrow().start()).isEqualTo(at("2026-03-29T00:00:00Z"));
    assertThat(s.nextOpening(at("2026-03-29T00:00:00Z")).orElseThrow().start()).isEqualTo(at("2026-03-29T23:00:00Z"));
  }

  @Test
  void aStartInTheSpringForwardGapIsShiftedForwardNotSkipped() {
    // 02:30 does not exist in Berlin on 2026-03-29: the window opens at 03:30 CEST (01:30Z) that day.
    var s = new Schedule("30 2 * * *", Duration.ofHours(1), BERLIN);
    assertThat(s.nextOpening(at("2026-03-28T12:00:00Z")).orElseThrow().start()).isEqualTo(at("2026-03-29T01:30:00Z"));
  }

  @Test
  void anAmbiguousStartOnTheFallBackDayIsTakenOnceAtTheEarlierOffset() {
    // 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 happens twice; the window opens at the first (00:30Z) only.
    var s = new Schedule("30 2 * * *", Duration.ofMinutes(20), BERLIN);
    Opening first = s.nextOpening(at("2026-10-24T12:00:00Z")).orElseThrow();
    assertThat(first.start()).isEqualTo(at("2026-10-25T00:30:00Z"));
    assertThat(s.nextOpening(first.start()).orElseThrow().start()).isEqualTo(at("2026-10-26T01:30:00Z"));
    assertThat(s.openingAt(at("2026-10-25T01:35:00Z"))).isEmpty();
  }

  @Test
  void aDurationIsRealTimeAcrossTheChange() {
    var s = new Schedule("0 0 * * *", Duration.ofHours(4), BERLIN);
    Opening o = s.openingAt(at("2026-03-29T01:30:00Z")).orElseThrow();
    assertThat(Duration.between(o.start(), o.end())).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void touchingOpeningsMergeIntoOne() {
    var s = new Schedule("0 * * * *", Duration.ofHours(1), ZoneOffset.UTC);
    // Every hour for an hour: always open; the opening extends as far as the merge bound allows.
    assertThat(s.openingAt(at("2026-11-28T10:30:00Z")).orElseThrow().end()).isAfter(at("2026-12-28T00:00:00Z"));
    var weekdays = new Schedule("0 9 * * MON-FRI", Duration.ofHours(24), ZoneOffset.UTC);
    // Mon 09:00 .. Sat 09:00 is one merged opening (2026-11-23 is a Monday).
    assertThat(weekdays.openingAt(at("2026-11-24T12:00:00Z")))
        .contains(new Opening(at("2026-11-24T09:00:00Z"), at("2026-11-28T09:00:00Z")));
  }

  @Test
  void rejectsInvalidCronWithAClearMessage() {
    assertThatThrownBy(() -> Schedule.parse("0 2 * *")).hasMessageContaining("'0 2 * *' is not a cron expression")
        .hasMessageContaining("minute hour day-of-month month day-of-week");
    assertThatThrownBy(() -> Schedule.parse("61 2 * * *")).hasMessageContaining("59");
    assertThatThrownBy(() -> Schedule.parse("0 0 30 2 *")).hasMessageContaining("never fires");
  }

  @Test
  void rejectsANonPositiveDuration() {
    assertThatThrownBy(() -> new Schedule("0 2 * * *", Duration.ZERO, ZoneOffset.UTC)).hasMessageContaining("duration");
  }
}
