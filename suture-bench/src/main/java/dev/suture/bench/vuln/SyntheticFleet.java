package dev.suture.bench.vuln;

import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.json.Json;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The synthetic Debian 12 fleet and OSV advisories of the matching benchmarks ({@link MatchBenchmark} in
 * memory, {@link StoreMatchBenchmark} through the store), so both measure the same data.
 *
 * <p>Version strings: the adjacent pairs "a &lt; b" of {@code versions/dpkg-real-pairs.txt} (a copy of
 * {@code ../shared/testdata/versions/dpkg-real-pairs.txt}, bundled as a resource of this module so the
 * jar runs anywhere; another file of the same format may be given). Consecutive pairs where one's b is
 * the next one's a form one package's version history ("chain"); synthetic package i takes chain i
 * modulo the number of chains with at least two versions.
 *
 * <p>Fleet skew: every host has every package; for each package the fleet uses the newest up to
 * {@code fleetVersions} versions of its chain; {@code current} of hosts have the newest, the rest are
 * spread uniformly over the older fleet versions.
 *
 * <p>Advisories: each names one random package with {@code introduced: 0, fixed: V}. With probability
 * {@code recent} V is one of the fleet's versions above its oldest (so lagging hosts are affected);
 * otherwise V is from the package's history at or below the oldest fleet version (an old, long-fixed
 * advisory: evaluated, never a finding). Real feeds look like that: most advisories are old.
 */
final class SyntheticFleet {
  static final String ECOSYSTEM = "Debian:12";
  static final Instant MODIFIED = Instant.parse("2026-01-01T00:00:00Z");

  final String[] names;
  final List<String>[] history;
  final int fleetVersions;
  final int chains;

  /** One synthetic advisory: {@code introduced: 0, fixed: fixed} for package {@code names[pkg]}. */
  record Spec(String id, int pkg, String fixed) {}

  @SuppressWarnings("unchecked")
  SyntheticFleet(int packages, int fleetVersions, String versionsPath) throws IOException {
    if (packages < 1 || fleetVersions < 1) throw new IllegalArgumentException("sizes must be positive");
    List<List<String>> chains = chains(versionsPath);
    this.chains = chains.size();
    this.fleetVersions = fleetVersions;
    names = new String[packages];
    history = new List[packages];
    for (int p = 0; p < packages; p++) {
      names[p] = String.format("pkg%04d", p);
      history[p] = chains.get(p % chains.size());
    }
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
    InputStream in = SyntheticFleet.class.getResourceAsStream("/versions/dpkg-real-pairs.txt");
    if (in == null) throw new IllegalStateException("resource versions/dpkg-real-pairs.txt missing from the jar");
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** Index in the package's history of its oldest version in the fleet. */
  int oldestFleet(int p) { return Math.max(0, history[p].size() - fleetVersions); }

  /** Draws one advisory (the same random draws as before the generators were shared, so seeds give the same data). */
  Spec spec(String id, Random rnd, double recent) {
    int p = rnd.nextInt(names.length);
    List<String> h = history[p];
    int oldest = oldestFleet(p);
    int j = rnd.nextDouble() < recent && oldest < h.size() - 1
        ? oldest + 1 + rnd.nextInt(h.size() - 1 - oldest)
        : rnd.nextInt(oldest + 1);
    return new Spec(id, p, h.get(j));
  }

  OsvRecord advisory(String id, Random rnd, double recent) { return record(spec(id, rnd, recent)); }

  OsvRecord record(Spec s) {
    Range range = new Range(RangeType.ECOSYSTEM, Optional.empty(),
        List.of(new Event(EventKind.INTRODUCED, "0"), new Event(EventKind.FIXED, s.fixed())));
    Affected a = new Affected(Optional.of(new OsvRecord.Package(ECOSYSTEM, names[s.pkg()], Optional.empty())), List.of(range), List.of());
    return new OsvRecord(s.id(), MODIFIED, List.of(), Optional.empty(), List.of(a));
  }

  /** The same advisory as OSV JSON, as a feed zip holds it (with a summary, as feeds have). */
  String json(Spec s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema_version", "1.6.0");
    doc.put("id", s.id());
    doc.put("modified", MODIFIED.toString());
    doc.put("published", MODIFIED.toString());
    doc.put("summary", names[s.pkg()] + ": synthetic advisory fixed in " + s.fixed());
    doc.put("affected", List.of(Map.of("package", Map.of("ecosystem", ECOSYSTEM, "name", names[s.pkg()]),
        "ranges", List.of(Map.of("type", "ECOSYSTEM", "events", List.of(Map.of("introduced", "0"), Map.of("fixed", s.fixed())))))));
    return Json.write(doc);
  }

  /**
   * The installed rows the fleet uses, one shared object per (package, version), as an inventory loader
   * that interns rows would: {@code rows[p][v]} is package p's v-th fleet version, the last the newest.
   */
  InstalledPackage[][] rows() {
    InstalledPackage[][] rows = new InstalledPackage[names.length][];
    for (int p = 0; p < names.length; p++) {
      List<String> h = history[p];
      int oldest = oldestFleet(p);
      rows[p] = new InstalledPackage[h.size() - oldest];
      for (int v = oldest; v < h.size(); v++) rows[p][v - oldest] = new InstalledPackage(names[p], names[p], h.get(v), h.get(v), "amd64");
    }
    return rows;
  }

  /** One host's packages: the newest with probability {@code current}, else one of the older fleet versions. */
  static List<InstalledPackage> hostPackages(InstalledPackage[][] rows, double current, Random rnd) {
    List<InstalledPackage> pkgs = new ArrayList<>(rows.length);
    for (InstalledPackage[] r : rows) {
      int newest = r.length - 1;
      pkgs.add(newest == 0 || rnd.nextDouble() < current ? r[newest] : r[rnd.nextInt(newest)]);
    }
    return pkgs;
  }

  static String hostName(int i) { return String.format("host%05d", i); }

  List<Host> fleet(int hosts, double current, Random rnd) {
    InstalledPackage[][] rows = rows();
    List<Host> fleet = new ArrayList<>(hosts);
    for (int i = 0; i < hosts; i++) fleet.add(new Host(hostName(i), ECOSYSTEM, hostPackages(rows, current, rnd)));
    return fleet;
  }
}
