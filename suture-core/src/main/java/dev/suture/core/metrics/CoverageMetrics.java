package dev.suture.core.metrics;

import static dev.suture.core.metrics.MetricNames.*;

import dev.suture.core.report.CoverageReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** M5 patch coverage, M8 observability gap, M10 audit completeness. */
public final class CoverageMetrics {
  private CoverageMetrics() {}

  /**
   * M5 from the findings-based coverage report (docs/reports.md): one series per environment and
   * {@code all}. Groups are left to the report (their number is the operator's to choose, and a label
   * per group would multiply the series).
   */
  static List<Sample> coverage(CoverageReport report) {
    List<Sample> out = new ArrayList<>();
    List<CoverageReport.Row> rows = new ArrayList<>();
    rows.add(report.total());
    rows.addAll(new java.util.TreeMap<>(report.by(CoverageReport.Scope.ENVIRONMENT)).values());
    for (CoverageReport.Row r : rows) {
      out.add(Sample.of(M5_COVERAGE, r.ratio(), "environment", r.name()));
      out.add(Sample.of(M5_APPLICABLE, r.assessed(), "environment", r.name()));
      out.add(Sample.of(M5_PATCHED, r.covered(), "environment", r.name()));
      out.add(Sample.of(M5_WITHOUT_INVENTORY, r.withoutInventory(), "environment", r.name()));
    }
    return out;
  }

  /** M8 over rollouts created in the window: their plan has no canary, wave, bake or verify stage with checks. */
  static List<Sample> observabilityGap(ProgrammeRecords r) {
    long created = 0;
    long without = 0;
    for (RolloutFacts f : r.rollouts()) {
      if (!r.inWindow(f.createdAt())) continue;
      created++;
      if (!f.hasProbes()) without++;
    }
    return List.of(Sample.of(M8_GAP, Stats.ratio(without, created)), Sample.of(M8_WITHOUT, without));
  }

  /**
   * M10 over rollouts created in the window. Complete when the patch names a CVE or a ticket, has a
   * registry record with a justification, has a change request linked to the rollout when any
   * target is in production, and the audit chain verified intact. Unknown chain state: NaN.
   */
  static List<Sample> auditCompleteness(ProgrammeRecords r) {
    Map<String, long[]> by = new HashMap<>(); // priority -> {complete, total}
    for (RolloutFacts f : r.rollouts()) {
      if (!r.inWindow(f.createdAt())) continue;
      boolean ok = r.auditIntact().orElse(false) && metadataComplete(r, f);
      for (String p : List.of(DeliveryMetrics.label(f.priority()), "all")) {
        long[] c = by.computeIfAbsent(p, k -> new long[2]);
        if (ok) c[0]++;
        c[1]++;
      }
    }
    List<Sample> out = new ArrayList<>();
    for (String p : DeliveryMetrics.priorities()) {
      long[] c = by.getOrDefault(p, new long[2]);
      double ratio = r.auditIntact().isEmpty() ? Double.NaN : Stats.ratio(c[0], c[1]);
      out.add(Sample.of(M10_COMPLETE, ratio, "priority", p));
      out.add(Sample.of(M10_INCOMPLETE, c[1] - c[0], "priority", p));
    }
    out.add(Sample.of(AUDIT_INTACT, r.auditIntact().map(ok -> ok ? 1.0 : 0.0).orElse(Double.NaN)));
    return out;
  }

  static boolean metadataComplete(ProgrammeRecords r, RolloutFacts f) {
    if (f.cves().isEmpty() && f.tickets().isEmpty()) return false;
    var rec = r.record(f.patchId());
    if (rec.isEmpty()) return false;
    String why = rec.get().fields().justification();
    if (why == null || why.isBlank()) return false;
    return !f.production() || r.changes().stream().anyMatch(c -> f.id().equals(c.rolloutId()));
  }
}
