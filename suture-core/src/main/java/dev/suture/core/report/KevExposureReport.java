package dev.suture.core.report;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.model.Asset;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.KevEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Known exploited vulnerabilities still open in the fleet: active findings (OPEN, PATCH_PLANNED) whose
 * advisory's id or one of its aliases is in CISA's KEV catalog, with CISA's due date, per environment.
 * A state: it ignores the window. A finding whose advisory is gone from the feed store cannot be
 * looked up and is left out.
 */
public record KevExposureReport(List<Row> rows) implements Report {
  /** @param cve the KEV entry's CVE (the advisory id or the alias that matched) */
  public record Row(String environment, FindingKey key, String cve, LocalDate dateAdded, Optional<LocalDate> kevDue,
                    boolean ransomware, Optional<String> fixedVersion) {}

  public KevExposureReport { rows = List.copyOf(rows); }

  /** @param kev KEV entries by CVE id */
  public static KevExposureReport of(List<Finding> findings, Map<String, Advisory> advisories, Map<String, KevEntry> kev,
                                     Map<String, Asset> assets) {
    List<Row> rows = new ArrayList<>();
    for (Finding f : findings) {
      if (!f.state().isActive()) continue;
      Advisory a = advisories.get(f.key().advisoryId());
      if (a == null) continue;
      KevEntry k = null;
      for (String name : a.names()) {
        k = kev.get(name);
        if (k != null) break;
      }
      if (k == null) continue;
      Asset asset = assets.get(f.key().asset());
      rows.add(new Row(asset == null ? MttpReport.UNKNOWN : asset.environment(), f.key(), k.cveId(), k.dateAdded(), k.dueDate(),
          k.knownRansomwareUse(), f.fixedVersion()));
    }
    rows.sort(Comparator.comparing(Row::environment).thenComparing(r -> r.kevDue().orElse(LocalDate.MAX))
        .thenComparing(r -> r.key().toString()));
    return new KevExposureReport(rows);
  }

  /** Exposed findings per environment. */
  public Map<String, Long> perEnvironment() {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : rows) out.merge(r.environment(), 1L, Long::sum);
    return out;
  }

  @Override public ReportKind kind() { return ReportKind.KEV; }

  @Override public List<ReportTable> tables() {
    ReportTable.Builder t = ReportTable.builder("kev", "environment", "asset", "advisory", "package", "cve", "kevDateAdded",
        "kevDue", "knownRansomwareUse", "fixedVersion");
    for (Row r : rows)
      t.row(r.environment(), r.key().asset(), r.key().advisoryId(), r.key().packageName(), r.cve(), r.dateAdded(),
          r.kevDue().map(LocalDate::toString).orElse(""), r.ransomware(), r.fixedVersion().orElse(""));
    ReportTable.Builder s = ReportTable.builder("kev-summary", "environment", "findings", "assets");
    Map<String, java.util.Set<String>> assets = new TreeMap<>();
    for (Row r : rows) assets.computeIfAbsent(r.environment(), k -> new java.util.TreeSet<>()).add(r.key().asset());
    perEnvironment().forEach((env, n) -> s.row(env, n, assets.get(env).size()));
    return List.of(t.build(), s.build());
  }
}
