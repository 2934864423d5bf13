package dev.suture.core.change;

import dev.suture.core.port.Calendar;
import dev.suture.core.window.Freeze;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Freezes for change requests, read live from the Freeze documents. A change request names
 * environments, not groups, so a freeze scoped to groups only does not block it (the conflict
 * check on scheduling, which knows each target's groups, still reports it).
 */
public final class CalendarFreezes implements FreezeCheck {
  private final Calendar calendar;

  public CalendarFreezes(Calendar calendar) { this.calendar = calendar; }

  @Override public List<String> activeFreezes(Instant at, Set<String> environments) {
    return calendar.freezes().stream()
        .filter(f -> f.groups().isEmpty() && f.covers(environments, Set.of()) && f.activeAt(at).isPresent())
        .map(CalendarFreezes::describe).toList();
  }

  private static String describe(Freeze f) { return f.name() + ": " + f.reason(); }
}
