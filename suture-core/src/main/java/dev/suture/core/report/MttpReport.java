package dev.suture.core.report;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Priority;
import dev.suture.core.risk.RiskScore;
import dev.suture.core.vuln.Advisory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * M6 mean time to patch: for each finding remediated in the window {@code (now − window, now]}, the time
 * from the vulnerability becoming known to the inventory showing it fixed. The start is the advisory's
 * {@code published} time; without one, when a fix was first known for the finding; without that, when
 * the finding was first seen. Each row says which start it used.
 *
 * <p>Summarised per priority (the finding's risk priority; {@code unknown} when the advisory is no
 * longer in the feed store), per environment and in total.
 */
public record MttpReport(Instant now, Duration window, List<Row> rows, List<Summary> summary) implements Report {
  /** Where a row's clock started. */
  public enum Start {
    PUBLISHED("published"), FIX_AVAILABLE("fixAvailableSince"), FIRST_SEEN("firstSeen");

    private final String wire;

    Start(String wire) { this.wire = wire; }

    public String wireName() { return wire; }
  }

  public record Row(FindingKey key, String environment, String priority, Instant start, Start startBasis, Instant remediatedAt,
                    Duration timeToPatch) {}

  public enum Scope { ALL, PRIORITY, ENVIRONMENT }

  public record Summary(Scope scope, String name, DurationStats stats) {}

  /** Priority label of findings without a risk score. */
  public static final String UNKNOWN = "unknown";

  public MttpReport {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(window, "window");
    rows = List.copyOf(rows);
    summary = List.copyOf(summary);
  }

  /**
   * @param findings findings in any state: only REMEDIATED ones with {@code remediatedAt} in the window count
   * @param advisories by id, for {@code published}
   * @param risks risk scores by finding (a finding without one has priority {@code unknown})
   * @param assets asset documents by name (an asset without one has environment {@code unknown})
   */
  public static MttpReport of(Instant now, Duration window, List<Finding> findings, Map<String, Advisory> advisories,
                              Map<FindingKey, RiskScore> risks, Map<String, Asset> assets) {
    Instant from = now.minus(window);
    List<Row> rows = new ArrayList<>();
    for (Finding f : findings) {
      if (f.state() != FindingState.REMEDIATED || f.remediatedAt().isEmpty()) continue;
      Instant end = f.remediatedAt().get();
      if (!end.isAfter(from) || end.isAfter(now)) continue;
      Advisory a = advisories.get(f.key().advisoryId());
      Optional<Instant> published = a == null ? Optional.empty() : a.published();
      Instant start;
      Start basis;
      if (published.isPresent()) {
        start = published.get();
        basis = Start.PUBLISHED;
      } else if (f.fixAvailableSince().isPresent()) {
        start = f.fixAvailableSince().get();
        basis = Start.FIX_AVAILABLE;
      } else {
        start = f.firstSeen();
        basis = Start.FIRST_SEEN;
      }
      // A fix deployed before the advisory was published (an embargo) took no time after it became known.
      Duration ttp = start.isAfter(end) ? Duration.ZERO : Duration.between(start, end);
      RiskScore risk = risks.get(f.key());
      Asset asset = assets.get(f.key().asset());
      rows.add(new Row(f.key(), asset == null ? UNKNOWN : asset.environment(), risk == null ? UNKNOWN : label(risk.priority()),
          start, basis, end, ttp));
    }
    rows.sort(Comparator.comparing(Row::remediatedAt).thenComparing(r -> r.key().toString()));
    return new MttpReport(now, window, rows, summarise(rows));
  }

  static String label(Priority p) { return p.name().toLowerCase(Locale.ROOT); }

  private static List<Summary> summarise(List<Row> rows) {
    Map<String, List<Double>> byPriority = new LinkedHashMap<>();
    for (Priority p : Priority.values()) byPriority.put(label(p), new ArrayList<>());
    Map<String, List<Double>> byEnv = new TreeMap<>();
    List<Double> all = new ArrayList<>();
    for (Row r : rows) {
      double s = r.timeToPatch().toMillis() / 1000.0;
      all.add(s);
      byPriority.computeIfAbsent(r.priority(), k -> new ArrayList<>()).add(s);
      byEnv.computeIfAbsent(r.environment(), k -> new ArrayList<>()).add(s);
    }
    List<Summary> out = new ArrayList<>();
    out.add(new Summary(Scope.ALL, "all", DurationStats.of(all)));
    byPriority.forEach((k, v) -> out.add(new Summary(Scope.PRIORITY, k, DurationStats.of(v))));
    byEnv.forEach((k, v) -> out.add(new Summary(Scope.ENVIRONMENT, k, DurationStats.of(v))));
    return out;
  }

  /** The summary of one scope and name; empty stats when there is none. */
  public DurationStats stats(Scope scope, String name) {
    return summary.stream().filter(s -> s.scope() == scope && s.name().equals(name)).map(Summary::stats).findFirst()
        .orElse(DurationStats.EMPTY);
  }

  @Override public ReportKind kind() { return ReportKind.MTTP; }

  @Override public List<ReportTable> tables() {
    ReportTable.Builder s = ReportTable.builder("mttp", "scope", "name", "count", "meanSeconds", "medianSeconds", "p90Seconds",
        "maxSeconds");
    for (Summary x : summary) {
      DurationStats d = x.stats();
      s.row(x.scope().name().toLowerCase(Locale.ROOT), x.name(), d.count(), Cells.number(d.mean()), Cells.number(d.median()),
          Cells.number(d.p90()), Cells.number(d.max()));
    }
    ReportTable.Builder f = ReportTable.builder("mttp-findings", "asset", "environment", "advisory", "package", "priority", "start",
        "startBasis", "remediatedAt", "seconds");
    for (Row r : rows)
      f.row(r.key().asset(), r.environment(), r.key().advisoryId(), r.key().packageName(), r.priority(), Cells.time(r.start()),
          r.startBasis().wireName(), Cells.time(r.remediatedAt()), Cells.seconds(r.timeToPatch()));
    return List.of(s.build(), f.build());
  }
}
