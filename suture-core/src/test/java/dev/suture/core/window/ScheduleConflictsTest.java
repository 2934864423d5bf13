package dev.suture.core.window;

import static dev.suture.core.window.ScheduleTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleConflictsTest {
  final MaintenanceWindow saturday = new MaintenanceWindow("weekend-night",
      new Schedule("0 2 * * SAT", Duration.ofHours(4), ZoneOffset.UTC), Duration.ofMinutes(30), List.of());
  final Freeze holiday = new Freeze("holiday-peak", Optional.of(new Opening(at("2026-12-20T00:00:00Z"), at("2027-01-03T00:00:00Z"))),
      Optional.empty(), List.of("production"), List.of("payments"), "holiday peak");
  final Freeze peakHours = new Freeze("weekday-peak", Optional.empty(),
      Optional.of(new Schedule("0 9 * * MON-FRI", Duration.ofHours(8), ZoneId.of("Europe/Berlin"))), List.of(), List.of(), "business hours");

  ScheduleConflicts.Proposal proposal(String start, Set<String> envs, Set<String> groups, Optional<MaintenanceWindow> window) {
    return new ScheduleConflicts.Proposal(Instant.parse(start), envs, groups, Set.of("web-01", "web-02", "db-01"), window);
  }

  @Test
  void noConflictsInsideTheWindowOutsideFreezesWithFreeTargets() {
    var p = proposal("2026-11-28T03:00:00Z", Set.of("production"), Set.of("payments"), Optional.of(saturday));
    assertThat(ScheduleConflicts.of(p, List.of(holiday, peakHours), Map.of("r-other", List.of("web-09")))).isEmpty();
  }

  @Test
  void outsideTheWindowNamesTheNextOpening() {
    var p = proposal("2026-11-27T03:00:00Z", Set.of("production"), Set.of(), Optional.of(saturday));
    assertThat(ScheduleConflicts.of(p, List.of(), Map.of())).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(Conflict.Kind.OUTSIDE_WINDOW);
      assertThat(c.message()).contains("outside maintenance window weekend-night").contains("next opens at 2026-11-28T02:00:00Z");
    });
  }

  @Test
  void pastTheCutoffIsOutsideTheWindowToo() {
    var p = proposal("2026-11-28T05:45:00Z", Set.of("production"), Set.of(), Optional.of(saturday));
    assertThat(ScheduleConflicts.of(p, List.of(), Map.of())).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(Conflict.Kind.OUTSIDE_WINDOW);
      assertThat(c.message()).contains("past the cutoff").contains("2026-11-28T05:30:00Z").contains("2026-12-05T02:00:00Z");
    });
  }

  @Test
  void aFreezeInForceOverTheScopeNamesItselfAndItsReason() {
    var p = proposal("2026-12-24T03:00:00Z", Set.of("production"), Set.of("payments", "web"), Optional.empty());
    assertThat(ScheduleConflicts.of(p, List.of(holiday), Map.of())).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(Conflict.Kind.IN_FREEZE);
      assertThat(c.message()).contains("holiday-peak").contains("holiday peak").contains("2027-01-03T00:00:00Z");
    });
  }

  @Test
  void aFreezeOutOfScopeOrNotInForceIsNoConflict() {
    var staging = proposal("2026-12-24T03:00:00Z", Set.of("staging"), Set.of("payments"), Optional.empty());
    var otherGroup = proposal("2026-12-24T03:00:00Z", Set.of("production"), Set.of("web"), Optional.empty());
    var after = proposal("2027-01-03T00:00:00Z", Set.of("production"), Set.of("payments"), Optional.empty());
    for (var p : List.of(staging, otherGroup, after)) assertThat(ScheduleConflicts.of(p, List.of(holiday), Map.of())).isEmpty();
  }

  @Test
  void aRecurringFreezeIsInForceDuringItsHours() {
    // Monday 2026-11-30 10:00 Berlin (09:00Z) is within 09:00-17:00 local.
    var p = proposal("2026-11-30T09:00:00Z", Set.of("staging"), Set.of(), Optional.empty());
    assertThat(ScheduleConflicts.of(p, List.of(peakHours), Map.of())).extracting(Conflict::kind).containsExactly(Conflict.Kind.IN_FREEZE);
    var evening = proposal("2026-11-30T17:00:00Z", Set.of("staging"), Set.of(), Optional.empty());
    assertThat(ScheduleConflicts.of(evening, List.of(peakHours), Map.of())).isEmpty();
  }

  @Test
  void targetsHeldByAnotherRolloutAreNamedWithIt() {
    var p = proposal("2026-11-28T03:00:00Z", Set.of("production"), Set.of(), Optional.empty());
    var conflicts = ScheduleConflicts.of(p, List.of(), Map.of("r-2", List.of("web-02", "web-01", "web-07"), "r-3", List.of("cache-01")));
    assertThat(conflicts).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(Conflict.Kind.TARGET_BUSY);
      assertThat(c.message()).isEqualTo("rollout r-2 is patching 2 of these targets: web-01, web-02");
    });
  }

  @Test
  void aWindowForOtherEnvironmentsIsAConflict() {
    var prodOnly = new MaintenanceWindow("prod-nights", saturday.schedule(), Duration.ZERO, List.of("production"));
    var p = proposal("2026-11-28T03:00:00Z", Set.of("production", "staging"), Set.of(), Optional.of(prodOnly));
    assertThat(ScheduleConflicts.of(p, List.of(), Map.of())).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(Conflict.Kind.OUTSIDE_WINDOW);
      assertThat(c.message()).isEqualTo("maintenance window prod-nights is for production, not for staging");
    });
  }

  @Test
  void aMissingWindowSaysTheRolloutWouldHalt() {
    assertThat(ScheduleConflicts.missingWindow("ghost")).isEqualTo(new Conflict(Conflict.Kind.OUTSIDE_WINDOW,
        "maintenance window 'ghost' does not exist: the rollout would halt"));
  }

  @Test
  void reportsEveryKindAtOnce() {
    var p = proposal("2026-12-25T12:00:00Z", Set.of("production"), Set.of("payments"), Optional.of(saturday));
    assertThat(ScheduleConflicts.of(p, List.of(holiday, peakHours), Map.of("r-9", List.of("db-01"))))
        .extracting(Conflict::kind)
        .containsExactly(Conflict.Kind.OUTSIDE_WINDOW, Conflict.Kind.IN_FREEZE, Conflict.Kind.IN_FREEZE, Conflict.Kind.TARGET_BUSY);
  }
}
