package dev.suture.core.report;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Priority;
import dev.suture.core.risk.RiskScore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Findings against their risk due date (docs/risk.md: the SLA policy's due time from first seen, or
 * CISA's KEV date when earlier). Active findings (OPEN, PATCH_PLANNED) are BREACHED once now is past
 * the due date and AT_RISK once no more than {@code atRiskFraction} of their span (first seen → due)
 * is left; findings remediated in the window {@code (now − window, now]} after their due date are
 * REMEDIATED_LATE. Findings without a risk score (advisory gone from the feed store) have no due date
 * and are left out.
 */
public record SlaBreachReport(Instant now, Duration window, double atRiskFraction, List<Row> rows, int remediatedOnTime)
    implements Report {
  public enum Status {
    BREACHED("breached"), AT_RISK("at-risk"), REMEDIATED_LATE("remediated-late");

    private final String wire;

    Status(String wire) { this.wire = wire; }

    public String wireName() { return wire; }
  }

  /** @param remediatedAt only for REMEDIATED_LATE */
  public record Row(Status status, FindingKey key, String environment, Priority priority, Instant firstSeen, Instant due,
                    Instant remediatedAt) {}

  public SlaBreachReport {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(window, "window");
    rows = List.copyOf(rows);
  }

  public static SlaBreachReport of(Instant now, Duration window, double atRiskFraction, List<Finding> findings,
                                   Map<FindingKey, RiskScore> risks, Map<String, Asset> assets) {
    if (!(atRiskFraction > 0 && atRiskFraction < 1)) throw new IllegalArgumentException("atRiskFraction must be between 0 and 1");
    Instant from = now.minus(window);
    List<Row> rows = new ArrayList<>();
    int onTime = 0;
    for (Finding f : findings) {
      RiskScore risk = risks.get(f.key());
      if (risk == null) continue;
      Instant due = risk.due();
      Asset a = assets.get(f.key().asset());
      String env = a == null ? MttpReport.UNKNOWN : a.environment();
      if (f.state().isActive()) {
        if (now.isAfter(due)) {
          rows.add(new Row(Status.BREACHED, f.key(), env, risk.priority(), f.firstSeen(), due, null));
        } else {
          Duration span = Duration.between(f.firstSeen(), due);
          Duration left = Duration.between(now, due);
          if (left.toMillis() <= (long) (span.toMillis() * atRiskFraction))
            rows.add(new Row(Status.AT_RISK, f.key(), env, risk.priority(), f.firstSeen(), due, null));
        }
      } else if (f.state() == FindingState.REMEDIATED && f.remediatedAt().isPresent()) {
        Instant end = f.remediatedAt().get();
        if (!end.isAfter(from) || end.isAfter(now)) continue;
        if (end.isAfter(due)) rows.add(new Row(Status.REMEDIATED_LATE, f.key(), env, risk.priority(), f.firstSeen(), due, end));
        else onTime++;
      }
    }
    rows.sort(Comparator.comparing(Row::status).thenComparing(Row::due).thenComparing(r -> r.key().toString()));
    return new SlaBreachReport(now, window, atRiskFraction, rows, onTime);
  }

  public long count(Status s) { return rows.stream().filter(r -> r.status() == s).count(); }

  @Override public ReportKind kind() { return ReportKind.SLA; }

  @Override public List<ReportTable> tables() {
    ReportTable.Builder t = ReportTable.builder("sla", "status", "asset", "environment", "advisory", "package", "priority", "firstSeen",
        "due", "remediatedAt", "overdueSeconds", "remainingSeconds");
    for (Row r : rows) {
      Instant end = r.status() == Status.REMEDIATED_LATE ? r.remediatedAt() : now;
      String overdue = end.isAfter(r.due()) ? Cells.seconds(Duration.between(r.due(), end)) : "";
      String remaining = r.status() == Status.AT_RISK ? Cells.seconds(Duration.between(now, r.due())) : "";
      t.row(r.status().wireName(), r.key().asset(), r.environment(), r.key().advisoryId(), r.key().packageName(), label(r.priority()),
          Cells.time(r.firstSeen()), Cells.time(r.due()), Cells.time(r.remediatedAt()), overdue, remaining);
    }
    Map<String, long[]> by = new LinkedHashMap<>();
    by.put("all", new long[3]);
    for (Priority p : Priority.values()) by.put(label(p), new long[3]);
    for (Row r : rows) {
      by.get("all")[r.status().ordinal()]++;
      by.get(label(r.priority()))[r.status().ordinal()]++;
    }
    ReportTable.Builder s = ReportTable.builder("sla-summary", "priority", "breached", "atRisk", "remediatedLate");
    by.forEach((k, c) -> s.row(k, c[0], c[1], c[2]));
    return List.of(t.build(), s.build());
  }

  private static String label(Priority p) { return p.name().toLowerCase(Locale.ROOT); }
}
