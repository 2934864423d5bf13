package dev.suture.core.port;

import dev.suture.core.window.Freeze;
import dev.suture.core.window.MaintenanceWindow;
import dev.suture.core.window.WindowCalendar;
import java.util.List;
import java.util.Optional;

/**
 * Port: maintenance windows and freezes as currently defined. Read live (not copied into a
 * rollout), so an edited window applies to rollouts already waiting for it.
 */
public interface Calendar {
  /** No windows, no freezes: a plan naming a window finds none. */
  Calendar NONE = new Calendar() {
    @Override public Optional<MaintenanceWindow> window(String name) { return Optional.empty(); }
    @Override public List<MaintenanceWindow> windows() { return List.of(); }
    @Override public List<Freeze> freezes() { return List.of(); }
  };

  /**
   * A calendar looked up on each call: for wiring where the engine's adapters exist before the
   * store that holds the calendar (the store's parser needs the adapters' executor types).
   */
  static Calendar deferred(java.util.function.Supplier<? extends Calendar> calendar) {
    return new Calendar() {
      @Override public Optional<MaintenanceWindow> window(String name) { return calendar.get().window(name); }
      @Override public List<MaintenanceWindow> windows() { return calendar.get().windows(); }
      @Override public List<Freeze> freezes() { return calendar.get().freezes(); }
    };
  }

  Optional<MaintenanceWindow> window(String name);

  List<MaintenanceWindow> windows();

  List<Freeze> freezes();

  default WindowCalendar snapshot() { return new WindowCalendar(windows(), freezes()); }
}
