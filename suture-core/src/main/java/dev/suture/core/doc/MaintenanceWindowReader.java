package dev.suture.core.doc;

import dev.suture.core.window.MaintenanceWindow;
import dev.suture.core.window.Schedule;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Reads a MaintenanceWindow spec (docs/plan-reference.md#maintenancewindow). */
final class MaintenanceWindowReader {
  private static final Set<String> SPEC = Set.of("schedule", "duration", "timeZone", "cutoff", "environments");

  private MaintenanceWindowReader() {}

  static MaintenanceWindow read(String name, Node specNode) {
    Fields spec = new Fields(specNode, SPEC);
    int before = specNode.errorCount();
    Schedule schedule = WindowFields.schedule(spec, true);
    Optional<Duration> cutoff = spec.duration("cutoff");
    var environments = spec.strings("environments");
    if (schedule != null && cutoff.isPresent() && cutoff.get().compareTo(schedule.duration()) >= 0)
      spec.node("cutoff").get().error("must be shorter than duration (" + Durations.format(schedule.duration())
          + "), or no target could ever start");
    if (schedule == null || specNode.errorCount() > before) return null;
    return new MaintenanceWindow(name, schedule, cutoff.orElse(Duration.ZERO), environments);
  }
}
