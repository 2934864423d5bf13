package dev.suture.core.window;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A recurring span: a cron expression (UNIX, five fields) read as wall-clock time in {@code zone},
 * lasting {@code duration} of real time from each start.
 *
 * <p>DST: cron matches local times. A local start that does not exist (spring forward) is shifted
 * forward by the gap, as {@link ZonedDateTime#of} does, so the window still happens that day; an
 * ambiguous start (fall back) is taken once, at its earlier offset. Openings that touch or overlap
 * merge into one, so "the current opening's end" is when the window really closes.
 */
public record Schedule(String cron, Duration duration, ZoneId zone) {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  /** Larger than any DST shift, so starting the search this much earlier in local time misses nothing. */
  private static final Duration SLACK = Duration.ofHours(3);
  /** Bounds merging of back-to-back openings (e.g. every minute for an hour): the result is still correct up to here. */
  private static final int MAX_MERGE = 10_000;
  private static final java.util.Map<String, ExecutionTime> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
  public static final Duration MAX_DURATION = Duration.ofDays(31);

  public Schedule {
    Objects.requireNonNull(cron, "schedule");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(zone, "timeZone");
    if (duration.isZero() || duration.isNegative()) throw new IllegalArgumentException("duration must be greater than 0");
    if (duration.compareTo(MAX_DURATION) > 0) throw new IllegalArgumentException("duration must be at most 31d");
    parse(cron);
  }

  /** Parses and validates a UNIX cron expression; the message says what is wrong. */
  public static Cron parse(String cron) {
    Cron c;
    try {
      c = PARSER.parse(cron.trim()).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + cron + "' is not a cron expression (minute hour day-of-month month day-of-week, "
          + "e.g. \"0 2 * * SAT\"): " + e.getMessage());
    }
    // Feb 30 and the like parse but never fire; eight years cover every leap-year pattern.
    var from = LocalDateTime.of(2024, 1, 1, 0, 0).atZone(ZoneOffset.UTC);
    var first = ExecutionTime.forCron(c).nextExecution(from);
    if (first.isEmpty() || first.get().isAfter(from.plusYears(8)))
      throw new IllegalArgumentException("'" + cron + "' never fires");
    return c;
  }

  /** The opening containing {@code t}, if any (one that began before {@code t} and has not ended yet counts). */
  public Optional<Opening> openingAt(Instant t) {
    ExecutionTime exec = executionTime();
    Instant latest = null;
    LocalDateTime local = local(t.minus(duration)).minus(SLACK);
    while (true) {
      Optional<LocalDateTime> next = nextLocal(exec, local);
      if (next.isEmpty()) break;
      local = next.get();
      Instant start = instant(local);
      if (start.isAfter(t)) break;
      if (t.isBefore(start.plus(duration))) latest = start;
    }
    return latest == null ? Optional.empty() : Optional.of(merged(exec, latest));
  }

  /** The first opening that starts strictly after {@code t}; empty if the schedule never fires again. */
  public Optional<Opening> nextOpening(Instant t) {
    ExecutionTime exec = executionTime();
    LocalDateTime local = local(t).minus(SLACK);
    while (true) {
      Optional<LocalDateTime> next = nextLocal(exec, local);
      if (next.isEmpty()) return Optional.empty();
      local = next.get();
      Instant start = instant(local);
      if (start.isAfter(t)) return Optional.of(merged(exec, start));
    }
  }

  private Opening merged(ExecutionTime exec, Instant start) {
    Instant end = start.plus(duration);
    LocalDateTime local = local(start);
    for (int i = 0; i < MAX_MERGE; i++) {
      Optional<LocalDateTime> next = nextLocal(exec, local);
      if (next.isEmpty()) break;
      local = next.get();
      Instant s = instant(local);
      if (s.isAfter(end)) break;
      if (s.plus(duration).isAfter(end)) end = s.plus(duration);
    }
    return new Opening(start, end);
  }

  /** Parsing is the costly part and window lookups are frequent, so parsed schedules are kept (there are few). */
  private ExecutionTime executionTime() { return CACHE.computeIfAbsent(cron, c -> ExecutionTime.forCron(parse(c))); }

  /** Cron is evaluated on local wall-clock time (UTC stands in for "no zone"), then placed in the zone. */
  private static Optional<LocalDateTime> nextLocal(ExecutionTime exec, LocalDateTime after) {
    return exec.nextExecution(after.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
  }

  private LocalDateTime local(Instant t) { return t.atZone(zone).toLocalDateTime(); }

  private Instant instant(LocalDateTime local) { return ZonedDateTime.of(local, zone).toInstant(); }
}
