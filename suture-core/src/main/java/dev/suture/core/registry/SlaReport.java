package dev.suture.core.registry;

import dev.suture.core.model.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every proposed registry record against its due time at {@code generatedAt}, totals per
 * priority, and the other obligations (e.g. emergency change reviews) in their own section.
 * Drafts have no SLA yet: they are only counted.
 */
public record SlaReport(Instant generatedAt, List<Row> rows, Map<Priority, Totals> totals, List<ObligationRow> obligations,
                        Map<String, ObligationTotals> obligationTotals) {
  public record Row(String patchId, String title, Priority priority, PatchStatus status, Instant proposedAt, Instant due,
                    Instant finishedAt, SlaStatus sla, Duration timeLeft, Duration overdueBy) {}

  public record Totals(int drafts, int records, int met, int breached, int atRisk, int open, int withdrawn) {
    Totals plus(SlaStatus s) {
      return new Totals(drafts, records + 1, met + (s == SlaStatus.MET ? 1 : 0), breached + (s == SlaStatus.BREACHED ? 1 : 0),
          atRisk + (s == SlaStatus.AT_RISK ? 1 : 0), open + (s == SlaStatus.OPEN ? 1 : 0), withdrawn + (s == SlaStatus.WITHDRAWN ? 1 : 0));
    }

    Totals plusDraft() { return new Totals(drafts + 1, records, met, breached, atRisk, open, withdrawn); }
  }

  public record ObligationRow(String kind, String subject, Instant due, Instant doneAt, SlaStatus status, Duration timeLeft,
                              Duration overdueBy) {}

  /** {@code overdue}: still not done and past due; {@code doneLate}: done, but at or after due. */
  public record ObligationTotals(int total, int open, int overdue, int met, int doneLate) {}

  public SlaReport {
    rows = List.copyOf(rows);
    totals = Collections.unmodifiableMap(new EnumMap<>(totals));
    obligations = List.copyOf(obligations);
    obligationTotals = Collections.unmodifiableMap(new TreeMap<>(obligationTotals));
  }

  public static SlaReport of(List<PatchRecord> records, List<Obligation> extra, SlaPolicy policy, Instant now) {
    List<Row> rows = new ArrayList<>();
    Map<Priority, Totals> totals = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) totals.put(p, new Totals(0, 0, 0, 0, 0, 0, 0));
    for (PatchRecord r : records) {
      Optional<Instant> proposed = r.proposedAt();
      Priority p = r.ref().priority();
      if (proposed.isEmpty()) {
        totals.put(p, totals.get(p).plusDraft());
        continue;
      }
      Row row = row(r, proposed.get(), policy, now);
      rows.add(row);
      totals.put(p, totals.get(p).plus(row.sla()));
    }
    List<ObligationRow> obligations = new ArrayList<>();
    Map<String, ObligationTotals> byKind = new TreeMap<>();
    for (Obligation o : extra) {
      ObligationRow row = row(o, now);
      obligations.add(row);
      ObligationTotals t = byKind.getOrDefault(o.kind(), new ObligationTotals(0, 0, 0, 0, 0));
      boolean done = row.doneAt() != null;
      byKind.put(o.kind(), new ObligationTotals(t.total() + 1, t.open() + (done ? 0 : 1),
          t.overdue() + (!done && row.status() == SlaStatus.BREACHED ? 1 : 0), t.met() + (row.status() == SlaStatus.MET ? 1 : 0),
          t.doneLate() + (done && row.status() == SlaStatus.BREACHED ? 1 : 0)));
    }
    return new SlaReport(now, rows, totals, obligations, byKind);
  }

  public int breaches() { return totals.values().stream().mapToInt(Totals::breached).sum(); }

  public int overdueObligations() { return obligationTotals.values().stream().mapToInt(ObligationTotals::overdue).sum(); }

  static Row row(PatchRecord r, Instant proposedAt, SlaPolicy policy, Instant now) {
    Instant due = r.due() != null ? r.due() : policy.due(r.ref().priority(), proposedAt);
    Instant finished = r.finishedAt().orElse(null);
    SlaStatus s;
    if (finished != null) {
      boolean inTime = finished.isBefore(due);
      s = r.status() == PatchStatus.DEPLOYED ? (inTime ? SlaStatus.MET : SlaStatus.BREACHED)
          : (inTime ? SlaStatus.WITHDRAWN : SlaStatus.BREACHED);
    } else if (!now.isBefore(due)) {
      s = SlaStatus.BREACHED;
    } else {
      s = Duration.between(now, due).compareTo(policy.atRiskMargin(proposedAt, due)) <= 0 ? SlaStatus.AT_RISK : SlaStatus.OPEN;
    }
    Instant end = finished != null ? finished : now;
    Duration left = finished == null && s != SlaStatus.BREACHED ? Duration.between(now, due) : null;
    Duration overdue = s == SlaStatus.BREACHED ? Duration.between(due, end) : null;
    return new Row(r.patchId(), r.ref().title(), r.ref().priority(), r.status(), proposedAt, due, finished, s, left, overdue);
  }

  static ObligationRow row(Obligation o, Instant now) {
    Instant done = o.doneAt().orElse(null);
    Instant end = done != null ? done : now;
    SlaStatus s = end.isBefore(o.due()) ? (done != null ? SlaStatus.MET : SlaStatus.OPEN) : SlaStatus.BREACHED;
    Duration left = s == SlaStatus.OPEN ? Duration.between(now, o.due()) : null;
    Duration overdue = s == SlaStatus.BREACHED ? Duration.between(o.due(), end) : null;
    return new ObligationRow(o.kind(), o.subject(), o.due(), done, s, left, overdue);
  }
}
