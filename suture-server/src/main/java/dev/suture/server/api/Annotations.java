package dev.suture.server.api;

import dev.suture.core.metrics.AuditFact;
import dev.suture.store.JdbcProgrammeRecords.RolloutRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rollouts as Grafana annotations (docs/metrics.md): one region per rollout (created → ended, or
 * → now while it runs) and one point per lifecycle event. Field names are Grafana's annotation
 * fields, so the JSON API and Infinity datasources map them without transformation.
 */
final class Annotations {
  private Annotations() {}

  /** Lifecycle events shown as points, and the state each one enters (the point's state tag). */
  static final Map<String, String> EVENTS = Map.of("rollout.started", "running", "rollout.succeeded", "succeeded",
      "rollout.halted", "halted", "rollback.started", "rolling_back", "rollout.rolled_back", "rolled_back",
      "rollout.rollback_failed", "rollback_failed", "rollout.aborted", "aborted");

  record Annotation(long time, long timeEnd, String title, String text, List<String> tags) {}

  static List<Annotation> of(List<RolloutRow> rollouts, List<AuditFact> events, Instant from, Instant to, Instant now) {
    List<Annotation> out = new ArrayList<>();
    Map<String, RolloutRow> byId = new HashMap<>();
    for (RolloutRow r : rollouts) {
      byId.put(r.id(), r);
      boolean ended = r.state().isTerminal() || r.state() == dev.suture.core.rollout.RolloutState.HALTED;
      Instant end = ended ? r.updatedAt() : now;
      String state = lower(r.state().name());
      String text = "patch " + r.patchId() + " with plan " + r.planName() + ": " + state
          + (r.haltReason() == null || r.haltReason().isBlank() ? "" : " (" + r.haltReason() + ")");
      out.add(new Annotation(r.createdAt().toEpochMilli(), end.toEpochMilli(), "rollout " + r.id(), text,
          List.of(r.id(), r.patchId(), r.planName(), state)));
    }
    for (AuditFact e : events) {
      RolloutRow r = byId.get(e.rolloutId());
      String state = EVENTS.get(e.action());
      if (r == null || state == null || e.time().isBefore(from) || e.time().isAfter(to)) continue;
      String why = e.text("reason").isBlank() ? e.text("trigger") : e.text("reason");
      out.add(new Annotation(e.time().toEpochMilli(), e.time().toEpochMilli(), e.action() + " " + r.id(),
          "patch " + r.patchId() + " with plan " + r.planName() + (why.isBlank() ? "" : ": " + why),
          List.of(r.id(), r.patchId(), r.planName(), state)));
    }
    out.sort(Comparator.comparingLong(Annotation::time).thenComparing(Annotation::title));
    return out;
  }

  private static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
