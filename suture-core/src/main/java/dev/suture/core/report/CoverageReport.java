package dev.suture.core.report;

import dev.suture.core.finding.Finding;
import dev.suture.core.model.Asset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * M5 patch coverage: which assets have the latest security patch, per environment, per group and in
 * total. A state, not a rate: it ignores the window.
 *
 * <p>Assessed = assets with an inventory. Covered = assessed assets with no active finding (OPEN or
 * PATCH_PLANNED) that has a fixed version: nothing that could be patched is left unpatched. An asset
 * without an inventory is unknown and never covered. {@code noFixOnly} counts the covered assets that
 * still have active findings, all without a fix yet (covered, but not safe).
 */
public record CoverageReport(List<Row> rows) implements Report {
  public enum Scope { ALL, ENVIRONMENT, GROUP }

  /**
   * @param assets asset documents in the scope
   * @param withoutInventory assets with no inventory (unknown: not assessed)
   * @param assessed assets with an inventory
   * @param covered assessed assets with no active finding that has a fix
   * @param missingPatch assessed assets with at least one active finding that has a fix
   * @param noFixOnly covered assets whose active findings all lack a fix
   */
  public record Row(Scope scope, String name, long assets, long withoutInventory, long assessed, long covered, long missingPatch,
                    long noFixOnly) {
    /** covered / assessed; NaN when nothing in the scope was assessed. */
    public double ratio() { return assessed == 0 ? Double.NaN : (double) covered / assessed; }
  }

  public CoverageReport { rows = List.copyOf(rows); }

  /** The name of the row that covers every asset. */
  public static final String ALL = "all";

  /**
   * @param assets the asset documents (findings and inventories of assets without one are ignored)
   * @param inventoried names of the assets that have an inventory
   * @param findings at least every active finding (others are ignored)
   */
  public static CoverageReport of(Collection<Asset> assets, Set<String> inventoried, Collection<Finding> findings) {
    Set<String> fixable = new HashSet<>();
    Set<String> unfixed = new HashSet<>();
    for (Finding f : findings) {
      if (!f.state().isActive()) continue;
      (f.fixedVersion().isPresent() ? fixable : unfixed).add(f.key().asset());
    }
    Map<String, long[]> envs = new TreeMap<>();
    Map<String, long[]> groups = new TreeMap<>();
    long[] all = new long[6];
    for (Asset a : assets) {
      long[] one = tally(a.name(), inventoried, fixable, unfixed);
      add(all, one);
      add(envs.computeIfAbsent(a.environment(), k -> new long[6]), one);
      for (String g : new HashSet<>(a.groups())) add(groups.computeIfAbsent(g, k -> new long[6]), one);
    }
    List<Row> rows = new ArrayList<>();
    rows.add(row(Scope.ALL, ALL, all));
    envs.forEach((k, v) -> rows.add(row(Scope.ENVIRONMENT, k, v)));
    groups.forEach((k, v) -> rows.add(row(Scope.GROUP, k, v)));
    return new CoverageReport(rows);
  }

  /** {assets, withoutInventory, assessed, covered, missingPatch, noFixOnly} for one asset. */
  private static long[] tally(String asset, Set<String> inventoried, Set<String> fixable, Set<String> unfixed) {
    if (!inventoried.contains(asset)) return new long[] {1, 1, 0, 0, 0, 0};
    if (fixable.contains(asset)) return new long[] {1, 0, 1, 0, 1, 0};
    return new long[] {1, 0, 1, 1, 0, unfixed.contains(asset) ? 1 : 0};
  }

  private static void add(long[] to, long[] one) { for (int i = 0; i < to.length; i++) to[i] += one[i]; }

  private static Row row(Scope s, String name, long[] c) { return new Row(s, name, c[0], c[1], c[2], c[3], c[4], c[5]); }

  /** The row of the whole fleet. */
  public Row total() { return rows.get(0); }

  /** Rows of one scope, by name. */
  public Map<String, Row> by(Scope scope) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : rows) if (r.scope() == scope) out.put(r.name(), r);
    return out;
  }

  @Override public ReportKind kind() { return ReportKind.COVERAGE; }

  @Override public List<ReportTable> tables() {
    ReportTable.Builder t = ReportTable.builder("coverage", "scope", "name", "assets", "withoutInventory", "assessed", "covered",
        "missingPatch", "noFixOnly", "coverageRatio");
    for (Row r : rows)
      t.row(r.scope().name().toLowerCase(java.util.Locale.ROOT), r.name(), r.assets(), r.withoutInventory(), r.assessed(), r.covered(),
          r.missingPatch(), r.noFixOnly(), Cells.number(r.ratio()));
    return List.of(t.build());
  }
}
