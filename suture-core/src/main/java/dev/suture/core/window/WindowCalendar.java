package dev.suture.core.window;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The maintenance windows and freezes in force, with the questions a scheduler asks of them. */
public record WindowCalendar(List<MaintenanceWindow> windows, List<Freeze> freezes) {
  public WindowCalendar {
    windows = List.copyOf(windows);
    freezes = List.copyOf(freezes);
  }

  public Optional<MaintenanceWindow> window(String name) {
    return windows.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /** Freezes in force at {@code t} that cover work on these environments and groups. */
  public List<Freeze> freezesAt(Instant t, Collection<String> environments, Collection<String> groups) {
    return freezes.stream().filter(f -> f.covers(environments, groups) && f.activeAt(t).isPresent()).toList();
  }

  /** When {@code window} next lets targets start: {@code t} itself if it does now. */
  public static Optional<Instant> nextStart(MaintenanceWindow window, Instant t) {
    if (window.allowsStartAt(t)) return Optional.of(t);
    return window.nextOpening(t).map(Opening::start);
  }
}
