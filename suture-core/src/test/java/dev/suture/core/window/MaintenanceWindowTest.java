package dev.suture.core.window;

import static dev.suture.core.window.ScheduleTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {
  final MaintenanceWindow saturday = new MaintenanceWindow("weekend-night",
      new Schedule("0 2 * * SAT", Duration.ofHours(4), ZoneOffset.UTC), Duration.ofMinutes(30), List.of("production"));

  @Test
  void allowsStartsOnlyBeforeEndMinusCutoff() {
    assertThat(saturday.allowsStartAt(at("2026-11-28T02:00:00Z"))).isTrue();
    assertThat(saturday.allowsStartAt(at("2026-11-28T05:29:59Z"))).isTrue();
    assertThat(saturday.allowsStartAt(at("2026-11-28T05:30:00Z"))).isFalse();
    assertThat(saturday.isOpen(at("2026-11-28T05:30:00Z"))).isTrue();
    assertThat(saturday.latestStart(at("2026-11-28T03:00:00Z"))).contains(at("2026-11-28T05:30:00Z"));
    assertThat(saturday.allowsStartAt(at("2026-11-27T23:00:00Z"))).isFalse();
  }

  @Test
  void nextOpeningPastTheCutoffIsTheFollowingOne() {
    assertThat(saturday.nextOpening(at("2026-11-28T05:45:00Z")).orElseThrow().start()).isEqualTo(at("2026-12-05T02:00:00Z"));
    assertThat(saturday.nextOpening(at("2026-11-27T05:45:00Z")).orElseThrow().start()).isEqualTo(at("2026-11-28T02:00:00Z"));
  }

  @Test
  void nextStartIsNowWhileStartsAreAllowed() {
    assertThat(WindowCalendar.nextStart(saturday, at("2026-11-28T03:00:00Z"))).contains(at("2026-11-28T03:00:00Z"));
    assertThat(WindowCalendar.nextStart(saturday, at("2026-11-28T05:40:00Z"))).contains(at("2026-12-05T02:00:00Z"));
  }

  @Test
  void emptyEnvironmentsMeanAll() {
    assertThat(saturday.appliesTo("production")).isTrue();
    assertThat(saturday.appliesTo("staging")).isFalse();
    var all = new MaintenanceWindow("any", saturday.schedule(), Duration.ZERO, List.of());
    assertThat(all.appliesTo("staging")).isTrue();
  }

  @Test
  void aCutoffAsLongAsTheDurationIsRejected() {
    assertThatThrownBy(() -> new MaintenanceWindow("w", saturday.schedule(), Duration.ofHours(4), List.of()))
        .hasMessageContaining("cutoff must be shorter than the duration");
  }
}
