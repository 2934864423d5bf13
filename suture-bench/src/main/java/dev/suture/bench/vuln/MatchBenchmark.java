package dev.suture.bench.vuln;

import dev.suture.core.vuln.AdvisoryIndex;
import dev.suture.core.vuln.FleetMatcher;
import dev.suture.core.vuln.FleetMatcher.Finding;
import dev.suture.core.vuln.FleetMatcher.Host;
import dev.suture.core.vuln.OsvRecord;
import java.io.IOException;
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
 * <p>The fleet and the advisories are {@link SyntheticFleet}'s (shared with {@link StoreMatchBenchmark}).
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
    Optional<Map<String, String>> parsed = BenchOptions.parse(args, o, USAGE);
    if (parsed.isEmpty()) return;
    o = parsed.get();
    int hosts = Integer.parseInt(o.get("hosts"));
    int packages = Integer.parseInt(o.get("packages"));
    int advisories = Integer.parseInt(o.get("advisories"));
    long seed = Long.parseLong(o.get("seed"));
    double current = Double.parseDouble(o.get("current"));
    int fleetVersions = Integer.parseInt(o.get("fleet-versions"));
    double recent = Double.parseDouble(o.get("recent"));
    if (hosts < 1 || packages < 1 || advisories < 0 || fleetVersions < 1) throw new IllegalArgumentException("sizes must be positive");

    SyntheticFleet synthetic = new SyntheticFleet(packages, fleetVersions, o.get("versions"));
    Random rnd = new Random(seed);
    System.out.printf("version chains: %d (from %s), hosts %d, packages %d, advisories %d, seed %d%n",
        synthetic.chains, o.get("versions").isEmpty() ? "bundled dpkg-real-pairs.txt" : o.get("versions"), hosts, packages, advisories, seed);

    long heap0 = usedAfterGc();
    AdvisoryIndex index = new AdvisoryIndex();
    long t = System.nanoTime();
    for (int i = 0; i < advisories; i++) index.add(synthetic.advisory("DSA-BENCH-" + i, rnd, recent));
    System.out.printf("index: %d advisories in %d ms%n", index.size(), ms(t));
    long heap1 = usedAfterGc();

    List<Host> fleet = synthetic.fleet(hosts, current, rnd);
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
      OsvRecord r = synthetic.advisory("DSA-NEW-" + i, rnd, 0.5);
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

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long ms(long startNanos) { return (System.nanoTime() - startNanos) / 1_000_000; }
}
