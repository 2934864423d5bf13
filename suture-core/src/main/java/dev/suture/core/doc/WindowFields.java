package dev.suture.core.doc;

import dev.suture.core.window.Schedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** Fields shared by MaintenanceWindow and Freeze: schedule, duration and time zone. */
final class WindowFields {
  /** The region "UTC" rather than the offset "Z": it is what operators wrote or expect to read back. */
  static final ZoneId UTC = ZoneId.of("UTC");

  private WindowFields() {}

  static Optional<ZoneId> zone(Fields f) {
    if (!f.has("timeZone")) return Optional.of(UTC);
    return f.convert("timeZone", s -> {
      try {
        return ZoneId.of(s.trim());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("'" + s + "' is not a time zone (an IANA name like Europe/Berlin, or UTC)");
      }
    });
  }

  /** schedule + duration (+ timeZone); null when any of them is invalid (errors reported). */
  static Schedule schedule(Fields f, boolean required) {
    Optional<String> text = required ? f.requiredText("schedule") : f.text("schedule");
    Optional<String> cron = text.isEmpty() ? text : f.convert("schedule", s -> {
      Schedule.parse(s);
      return s.trim();
    });
    Optional<Duration> duration = PlanReader.positive(f, "duration");
    if (!f.has("duration") && (required || f.has("schedule")))
      f.node.errorAt(f.node.child("duration"), "is required with schedule (how long each opening lasts, e.g. 4h)");
    duration.filter(d -> d.compareTo(Schedule.MAX_DURATION) > 0).ifPresent(d -> f.node("duration").get().error("must be at most 31d"));
    Optional<ZoneId> zone = zone(f);
    if (cron.isEmpty() || duration.isEmpty() || zone.isEmpty()) return null;
    try {
      return new Schedule(cron.get(), duration.get(), zone.get());
    } catch (IllegalArgumentException e) {
      // Every rule of Schedule is checked field by field above; this only guards against drift.
      f.node.error(e.getMessage());
      return null;
    }
  }
}
