package dev.suture.bench.vuln;

import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.vuln.AdvisoryIndex;
import dev.suture.core.vuln.FleetMatcher;
import dev.suture.core.vuln.FleetMatcher.Finding;
import dev.suture.core.vuln.FleetMatcher.Host;
import dev.suture.core.vuln.OsvRecord;
import dev.suture.core.vuln.OsvRecord.Affected;
import dev.suture.core.vuln.OsvRecord.Event;
import dev.suture.core.vuln.OsvRecord.EventKind;
import dev.suture.core.vuln.OsvRecord.Range;
import dev.suture.core.vuln.OsvRecord.RangeType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Fleet matching benchmark (issue 6): a synthetic Debian 12 fleet built from REAL dpkg version strings
 * against synthetic OSV Debian:12 advisories, matched with {@link FleetMatcher}.
 *
 * <p>Version strings: the adjacent pairs "a &lt; b" of {@code versions/dpkg-real-pairs.txt} (a copy of
 * {@code ../shared/testdata/versions/dpkg-real-pairs.txt}, bundled as a resource of this module so the
 * jar runs anywhere; {@code --versions PATH} reads another file of the same format). Consecutive pairs
 * where one's b is the next one's a form one package's version history ("chain"); synthetic package i
 * takes chain i modulo the number of chains with at least two versions.
 *
 * <p>Fleet skew: every host has every package; for each package the fleet uses the newest up to
 * {@code --fleet-versions} (default 5) versions of its chain; {@code --current} (default 0.8) of hosts
 * have the newest, the rest are spread uniformly over the older fleet versions.
 *
 * <p>Advisories: each names one random package with {@code introduced: 0, fixed: V}. With probability
 * {@code --recent} (default 0.02) V is one of the fleet's versions above its oldest (so lagging hosts are
 * affected); otherwise V is from the package's history at or below the oldest fleet version (an old,
 * long-fixed advisory: evaluated, never a finding). Real feeds look like that: most advisories are old.
 *
 * <p>Prints timings and counts only; it asserts nothing about time. Heap figures are approximate
 * (Runtime totalMemory - freeMemory after System.gc()). The bench shares one InstalledPackage object per
 * (package, version), as an inventory loader that interns rows would; the figure is the matcher's own
 * structures (distinct tuples and the per-row host index and reference), not the rows' strings.
 */
public final class MatchBenchmark {
  static final String USAGE = """
      usage: MatchBenchmark [--hosts 10000] [--packages 700] [--advisories 50000] [--seed 42]
                            [--current 0.8] [--fleet-versions 5] [--recent 0.02] [--versions PATH]
      """;

  private MatchBenchmark() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("hosts", "10000");
    o.put("packages", "700");
    o.put("advisories", "50000");
    o.put("seed", "42");
    o.put("current", "0.8");
    o.put("fleet-versions", "5");
    o.put("recent", "0.02");
    o.put("versions", "");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.print(USAGE);
        return;
      }
      if (!a.startsWith("--") || !o.containsKey(a.substring(2)) || i + 1 >= args.length) {
        System.err.print("bad argument '" + a + "'\n" + USAGE);
        System.exit(2);
      }
      o.put(a.substring(2), args[++i]);
    }
    int hosts = Integer.parseInt(o.get("hosts"));
    int packages = Integer.parseInt(o.get("packages"));
    int advisories = Integer.parseInt(o.get("advisories"));
    long seed = Long.parseLong(o.get("seed"));
    double current = Double.parseDouble(o.get("current"));
    int fleetVersions = Integer.parseInt(o.get("fleet-versions"));
    double recent = Double.parseDouble(o.get("recent"));
    if (hosts < 1 || packages < 1 || advisories < 0 || fleetVersions < 1) throw new IllegalArgumentException("sizes must be positive");

    List<List<String>> chains = chains(o.get("versions"));
    Random rnd = new Random(seed);
    String[] names = new String[packages];
    List<String>[] history = new List[packages];
    for (int p = 0; p < packages; p++) {
      names[p] = String.format("pkg%04d", p);
      history[p] = chains.get(p % chains.size());
    }
    System.out.printf("version chains: %d (from %s), hosts %d, packages %d, advisories %d, seed %d%n",
        chains.size(), o.get("versions").isEmpty() ? "bundled dpkg-real-pairs.txt" : o.get("versions"), hosts, packages, advisories, seed);

    long heap0 = usedAfterGc();
    AdvisoryIndex index = new AdvisoryIndex();
    long t = System.nanoTime();
    for (int i = 0; i < advisories; i++) index.add(advisory("DSA-BENCH-" + i, rnd, names, history, fleetVersions, recent));
    System.out.printf("index: %d advisories in %d ms%n", index.size(), ms(t));
    long heap1 = usedAfterGc();

    List<Host> fleet = fleet(hosts, names, history, fleetVersions, current, rnd);
    t = System.nanoTime();
    FleetMatcher matcher = new FleetMatcher(index, fleet);
    System.out.printf("fleet: %d installed rows, %d distinct tuples (built in %d ms)%n",
        matcher.installedRows(), matcher.distinctTuples(), ms(t));
    fleet = null; // the matcher keeps what it needs; the heap figure below is the matcher's
    long heap2 = usedAfterGc();

    Map<String, List<Finding>> warm = matcher.matchAll();
    long findings = warm.values().stream().mapToLong(List::size).sum();
    warm = null;
    long evalBefore = matcher.evaluations();
    t = System.nanoTime();
    Map<String, List<Finding>> all = matcher.matchAll();
    long fullMs = ms(t);
    System.out.printf("full fleet match (after one warm-up): %d ms, %d evaluations, %d findings on %d hosts%n",
        fullMs, matcher.evaluations() - evalBefore, findings, all.size());
    all = null;

    long[] incNanos = new long[100];
    long incFindings = 0;
    for (int i = -20; i < 100; i++) { // 20 unreported warm-ups
      OsvRecord r = advisory("DSA-NEW-" + i, rnd, names, history, fleetVersions, 0.5);
      long s = System.nanoTime();
      FleetMatcher.AdvisoryMatch m = matcher.matchAdvisory(r);
      long d = System.nanoTime() - s;
      if (i >= 0) {
        incNanos[i] = d;
        incFindings += m.findings().size();
      }
    }
    Arrays.sort(incNanos);
    System.out.printf("one new advisory applied incrementally: median %.3f ms, max %.3f ms over 100 (half of them recent fixes; %d findings in all)%n",
        incNanos[50] / 1e6, incNanos[99] / 1e6, incFindings);

    double millions = matcher.installedRows() / 1e6;
    System.out.printf("heap (approximate, used after GC): advisory index %.1f MB; fleet matcher %.1f MB = %.1f MB per million installed rows%n",
        (heap1 - heap0) / 1e6, (heap2 - heap1) / 1e6, millions == 0 ? 0.0 : (heap2 - heap1) / 1e6 / millions);
  }

  static List<List<String>> chains(String path) throws IOException {
    List<List<String>> chains = new ArrayList<>();
    try (BufferedReader in = open(path)) {
      List<String> chain = new ArrayList<>();
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] f = line.trim().split(" < ");
        if (f.length != 2) throw new IllegalArgumentException("line " + n + ": expected 'a < b', found '" + line + "'");
        if (chain.isEmpty() || !chain.get(chain.size() - 1).equals(f[0])) {
          if (chain.size() >= 2) chains.add(chain);
          chain = new ArrayList<>(List.of(f[0]));
        }
        chain.add(f[1]);
      }
      if (chain.size() >= 2) chains.add(chain);
    }
    if (chains.isEmpty()) throw new IllegalArgumentException("no version chains in " + path);
    return chains;
  }

  private static BufferedReader open(String path) throws IOException {
    if (!path.isEmpty()) return Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8);
    InputStream in = MatchBenchmark.class.getResourceAsStream("/versions/dpkg-real-pairs.txt");
    if (in == null) throw new IllegalStateException("resource versions/dpkg-real-pairs.txt missing from the jar");
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** Index in the package's history of its oldest version in the fleet. */
  private static int oldestFleet(List<String> h, int fleetVersions) { return Math.max(0, h.size() - fleetVersions); }

  static OsvRecord advisory(String id, Random rnd, String[] names, List<String>[] history, int fleetVersions, double recent) {
    int p = rnd.nextInt(names.length);
    List<String> h = history[p];
    int oldest = oldestFleet(h, fleetVersions);
    int j = rnd.nextDouble() < recent && oldest < h.size() - 1
        ? oldest + 1 + rnd.nextInt(h.size() - 1 - oldest)
        : rnd.nextInt(oldest + 1);
    Range range = new Range(RangeType.ECOSYSTEM, Optional.empty(),
        List.of(new Event(EventKind.INTRODUCED, "0"), new Event(EventKind.FIXED, h.get(j))));
    Affected a = new Affected(Optional.of(new OsvRecord.Package("Debian:12", names[p], Optional.empty())), List.of(range), List.of());
    return new OsvRecord(id, Instant.parse("2026-01-01T00:00:00Z"), List.of(), Optional.empty(), List.of(a));
  }

  static List<Host> fleet(int hosts, String[] names, List<String>[] history, int fleetVersions, double current, Random rnd) {
    InstalledPackage[][] rows = new InstalledPackage[names.length][];
    for (int p = 0; p < names.length; p++) {
      List<String> h = history[p];
      int oldest = oldestFleet(h, fleetVersions);
      rows[p] = new InstalledPackage[h.size() - oldest];
      for (int v = oldest; v < h.size(); v++) rows[p][v - oldest] = new InstalledPackage(names[p], names[p], h.get(v), h.get(v), "amd64");
    }
    List<Host> fleet = new ArrayList<>(hosts);
    for (int i = 0; i < hosts; i++) {
      List<InstalledPackage> pkgs = new ArrayList<>(names.length);
      for (int p = 0; p < names.length; p++) {
        InstalledPackage[] r = rows[p];
        int newest = r.length - 1;
        pkgs.add(newest == 0 || rnd.nextDouble() < current ? r[newest] : r[rnd.nextInt(newest)]);
      }
      fleet.add(new Host(String.format("host%05d", i), "Debian:12", pkgs));
    }
    return fleet;
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long ms(long startNanos) { return (System.nanoTime() - startNanos) / 1_000_000; }
}
