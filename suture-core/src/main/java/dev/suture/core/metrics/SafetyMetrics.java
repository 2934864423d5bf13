package dev.suture.core.metrics;

import static dev.suture.core.metrics.MetricNames.*;

import dev.suture.core.port.CheckResult;
import dev.suture.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** M3 canary error delta, M4 time to rollback, M7 post-patch incidents. */
final class SafetyMetrics {
  private SafetyMetrics() {}

  static final Duration POST_PATCH = Duration.ofHours(72);
  static final String AUTOMATIC = "automatic policy";

  /** The latest {@code canaryErrorDelta} figure of each rollout's {@code gate.measured} events, in audit order. */
  static Map<String, Double> latestDeltas(ProgrammeRecords r) {
    Map<String, Double> latest = new TreeMap<>();
    r.audit().stream().filter(a -> a.action().equals("gate.measured") && r.inWindow(a.time()))
        .sorted(Comparator.comparingLong(AuditFact::sequence))
        .forEach(a -> a.figure("figures", CheckResult.CANARY_ERROR_DELTA).filter(d -> !d.isNaN())
            .ifPresent(d -> latest.put(a.rolloutId(), d)));
    return latest;
  }

  static List<Sample> canaryDelta(ProgrammeRecords r) {
    Map<String, Double> latest = latestDeltas(r);
    Map<String, RolloutFacts> byId = new HashMap<>();
    r.rollouts().forEach(f -> byId.put(f.id(), f));
    List<Sample> out = new ArrayList<>();
    latest.forEach((id, d) -> {
      RolloutFacts f = byId.get(id);
      if (f != null && !f.state().isTerminal()) out.add(Sample.of(M3_DELTA, d, "rollout", id));
    });
    List<Double> xs = new ArrayList<>(latest.values());
    out.add(Sample.of(M3_WINDOW, Stats.mean(xs), "stat", "mean"));
    out.add(Sample.of(M3_WINDOW, Stats.max(xs), "stat", "max"));
    out.add(Sample.of(M3_COMPARED, xs.size()));
    return out;
  }

  /**
   * M4 per rollout whose {@code rollout.rolled_back} is in the window. The clock starts at the first
   * bad evidence: {@code firstBadAt} of the last halting {@code gate.verdict} before the rollback
   * when present, else the last {@code rollout.halted}. Trigger "automatic" when
   * {@code rollback.started} says "automatic policy", else "operator" (abort or fast rollback).
   */
  static List<Sample> timeToRollback(ProgrammeRecords r) {
    Map<String, List<AuditFact>> byRollout = new HashMap<>();
    for (AuditFact a : r.audit()) byRollout.computeIfAbsent(a.rolloutId(), k -> new ArrayList<>()).add(a);
    Map<String, List<Double>> by = new HashMap<>();
    byRollout.forEach((id, events) -> {
      events.sort(Comparator.comparingLong(AuditFact::sequence));
      rollbackSeconds(events, r).ifPresent(t -> by.computeIfAbsent(t.trigger, k -> new ArrayList<>()).add(t.seconds));
    });
    List<Sample> out = new ArrayList<>();
    for (String trigger : List.of("automatic", "operator")) {
      List<Double> xs = by.getOrDefault(trigger, List.of());
      out.add(Sample.of(M4_TIME, Stats.mean(xs), "trigger", trigger, "stat", "mean"));
      out.add(Sample.of(M4_TIME, Stats.max(xs), "trigger", trigger, "stat", "max"));
      out.add(Sample.of(M4_COUNT, xs.size(), "trigger", trigger));
    }
    return out;
  }

  private record Timed(String trigger, double seconds) {}

  private static Optional<Timed> rollbackSeconds(List<AuditFact> events, ProgrammeRecords r) {
    AuditFact done = null;
    for (AuditFact a : events) if (a.action().equals("rollout.rolled_back")) done = a;
    if (done == null || !r.inWindow(done.time())) return Optional.empty();
    Instant halted = null;
    Instant firstBad = null;
    String trigger = "operator";
    for (AuditFact a : events) {
      if (a.sequence() > done.sequence()) break;
      switch (a.action()) {
        case "rollout.halted" -> halted = a.time();
        case "rollback.started" -> trigger = AUTOMATIC.equals(a.text("trigger")) ? "automatic" : "operator";
        case "gate.verdict" -> {
          if (a.text("outcome").equals("halt")) firstBad = instant(a.text("firstBadAt"));
        }
        default -> { }
      }
    }
    Instant start = firstBad != null ? firstBad : halted;
    if (start == null) return Optional.empty();
    return Optional.of(new Timed(trigger, Stats.seconds(Duration.between(start, done.time()))));
  }

  private static Instant instant(String text) {
    if (text == null || text.isBlank()) return null;
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null; // a malformed detail cannot move the clock's start; the halt time is used instead
    }
  }

  /**
   * M7: incidents opened in the window within 72 h after a rollout SUCCEEDED on at least one of the
   * same assets (an incident is opened for a halted rollout; its targets say where it happened).
   * Per 100 rollouts SUCCEEDED in the window.
   */
  static List<Sample> postPatchIncidents(ProgrammeRecords r) {
    Map<String, RolloutFacts> byId = new HashMap<>();
    r.rollouts().forEach(f -> byId.put(f.id(), f));
    List<RolloutFacts> succeeded = r.rollouts().stream().filter(f -> f.state() == RolloutState.SUCCEEDED).toList();
    long count = r.incidents().stream().filter(i -> r.inWindow(i.createdAt())).filter(i -> {
      RolloutFacts where = byId.get(i.rolloutId());
      if (where == null) return false;
      return succeeded.stream().anyMatch(s -> !s.id().equals(where.id()) && s.updatedAt().isBefore(i.createdAt())
          && !s.updatedAt().plus(POST_PATCH).isBefore(i.createdAt()) && !Collections.disjoint(s.assets(), where.assets()));
    }).count();
    long deployed = succeeded.stream().filter(s -> r.inWindow(s.updatedAt())).count();
    return List.of(Sample.of(M7_INCIDENTS, count), Sample.of(M7_PER_100, deployed == 0 ? Double.NaN : 100.0 * count / deployed));
  }
}
