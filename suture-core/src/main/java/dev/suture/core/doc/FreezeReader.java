package dev.suture.core.doc;

import dev.suture.core.window.Freeze;
import dev.suture.core.window.Opening;
import dev.suture.core.window.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Freeze spec: a fixed span (from/to) or a recurring one (schedule/duration), each with
 * an optional timeZone, plus scopes and a required reason.
 */
final class FreezeReader {
  private static final Set<String> SPEC = Set.of("from", "to", "schedule", "duration", "timeZone", "environments", "groups", "reason");

  private FreezeReader() {}

  static Freeze read(String name, Node specNode) {
    Fields spec = new Fields(specNode, SPEC);
    int before = specNode.errorCount();
    Optional<String> reason = spec.requiredText("reason");
    var environments = spec.strings("environments");
    var groups = spec.strings("groups");
    boolean fixed = spec.has("from") || spec.has("to");
    boolean recurring = spec.has("schedule") || spec.has("duration");
    Optional<Opening> span = Optional.empty();
    Schedule schedule = null;
    if (fixed && recurring) {
      spec.node("schedule").or(() -> spec.node("duration")).get()
          .error("a freeze has either from/to (one span) or schedule/duration (recurring), not both");
    } else if (!fixed && !recurring) {
      specNode.errorAt(specNode.child("from"), "is required (or schedule and duration for a recurring freeze)");
    } else if (fixed) {
      span = span(spec);
    } else {
      schedule = WindowFields.schedule(spec, true);
    }
    if (specNode.errorCount() > before || reason.isEmpty() || (span.isEmpty() && schedule == null)) return null;
    return new Freeze(name, span, Optional.ofNullable(schedule), environments, groups, reason.get());
  }

  private static Optional<Opening> span(Fields spec) {
    Optional<ZoneId> zone = WindowFields.zone(spec);
    if (zone.isEmpty()) return Optional.empty();
    if (!spec.has("from")) spec.node.errorAt(spec.node.child("from"), "is required with to");
    if (!spec.has("to")) spec.node.errorAt(spec.node.child("to"), "is required with from");
    Optional<Instant> from = spec.convert("from", s -> instant(s, zone.get()));
    Optional<Instant> to = spec.convert("to", s -> instant(s, zone.get()));
    if (from.isEmpty() || to.isEmpty()) return Optional.empty();
    if (!to.get().isAfter(from.get())) {
      spec.node("to").get().error("must be after from (" + from.get() + ")");
      return Optional.empty();
    }
    return Optional.of(new Opening(from.get(), to.get()));
  }

  /** An instant ("2026-12-20T00:00:00Z", "...+01:00"), or a local date-time or date read in the freeze's time zone. */
  static Instant instant(String text, ZoneId zone) {
    String s = text.trim();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // not an instant with an offset: try local forms below
    }
    try {
      return LocalDateTime.parse(s).atZone(zone).toInstant();
    } catch (DateTimeParseException ignored) {
      // nor a local date-time
    }
    try {
      return LocalDate.parse(s).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a date-time like 2026-12-20T00:00:00Z or 2026-12-20T00:00 (in timeZone)");
    }
  }
}
