package dev.suture.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.port.Calendar;
import dev.suture.core.window.Freeze;
import dev.suture.core.window.MaintenanceWindow;
import dev.suture.core.window.Opening;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalendarFreezesTest {
  static final Instant T0 = Instant.parse("2026-12-20T00:00:00Z");
  static final Instant T1 = Instant.parse("2027-01-03T00:00:00Z");

  static Calendar of(Freeze... freezes) {
    return new Calendar() {
      @Override public Optional<MaintenanceWindow> window(String name) { return Optional.empty(); }
      @Override public List<MaintenanceWindow> windows() { return List.of(); }
      @Override public List<Freeze> freezes() { return List.of(freezes); }
    };
  }

  static Freeze freeze(String name, List<String> envs, List<String> groups) {
    return new Freeze(name, Optional.of(new Opening(T0, T1)), Optional.empty(), envs, groups, "holiday peak");
  }

  @Test void namesTheFreezesInForceForTheEnvironmentsAndIgnoresOthers() {
    var check = new CalendarFreezes(of(freeze("holidays", List.of("production"), List.of()), freeze("all", List.of(), List.of()),
        freeze("payments-only", List.of(), List.of("payments"))));
    assertThat(check.activeFreezes(T0, Set.of("production"))).containsExactly("holidays: holiday peak", "all: holiday peak");
    assertThat(check.activeFreezes(T0, Set.of("staging"))).containsExactly("all: holiday peak");
    assertThat(check.activeFreezes(T1, Set.of("production"))).as("the end is exclusive").isEmpty();
    assertThat(check.activeFreezes(T0.minusSeconds(1), Set.of("production"))).isEmpty();
  }
}
