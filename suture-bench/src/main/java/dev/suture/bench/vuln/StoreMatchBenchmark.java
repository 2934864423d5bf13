package dev.suture.bench.vuln;

import com.zaxxer.hikari.HikariDataSource;
import dev.suture.bench.BenchDatabase;
import dev.suture.bench.CpuMeter;
import dev.suture.bench.H2DiskReport;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.feed.FeedKind;
import dev.suture.core.finding.FindingState;
import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.PackageSet;
import dev.suture.core.vuln.AdvisoryIndex;
import dev.suture.core.vuln.FeedImporter;
import dev.suture.core.vuln.FleetMatcher;
import dev.suture.core.vuln.FleetMatcher.Host;
import dev.suture.core.vuln.VulnerabilityService;
import dev.suture.store.JdbcFeedStore;
import dev.suture.store.JdbcFindingStore;
import dev.suture.store.JdbcInventoryStore;
import dev.suture.store.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fleet matching THROUGH THE STORE (issue 6): the {@link MatchBenchmark} data ({@link SyntheticFleet}, same
 * seed, same draws, so the same advisories and hosts) driven through the real services on a real database
 * (an H2 file with the embedded default's URL, or a fresh PostgreSQL schema):
 * <ol>
 *   <li>the advisories imported as one OSV zip (built in memory) through {@link FeedImporter}, which
 *       writes them with {@code JdbcFeedStore} and then lets {@link VulnerabilityService#afterImport}
 *       re-match them (against no hosts yet);</li>
 *   <li>each host's inventory recorded through {@link VulnerabilityService#record}: stored, then matched
 *       and its findings saved, one host at a time as they would arrive;</li>
 *   <li>a full re-match from the store: the advisory index rebuilt from {@code forEachAdvisory}, every
 *       inventory read with {@code forEach}, one {@link FleetMatcher} over all of it, {@code matchAll}
 *       (findings counted, not reconciled). Reading and building is what every import cost before
 *       {@code afterImport} asked the store for the rows it names only;</li>
 *   <li>one new advisory imported (import, incremental re-match, findings saved), {@code --runs} times;</li>
 *   <li>one host's inventory changed (one lagging package upgraded to the newest), {@code --runs} times;</li>
 *   <li>heap used after GC, database size on disk.</li>
 * </ol>
 * Prints timings and counts only; it asserts nothing about time.
 */
public final class StoreMatchBenchmark {
  static final String USAGE = """
      usage: StoreMatchBenchmark [--db h2|postgres] [--hosts 10000] [--packages 700] [--advisories 50000] [--seed 42]
                                 [--current 0.8] [--fleet-versions 5] [--recent 0.02] [--runs 20] [--threads 1]
                                 [--record-budget-s 0] [--pool-size 8] [--versions PATH]
                                 [--pg-url jdbc:postgresql://127.0.0.1:5432/suture_test] [--pg-user suture] [--pg-password suture]
        --threads: hosts recorded in parallel (matching is serialised by the service; storing is not)
        --record-budget-s: stop recording hosts after this many seconds (0: record all) and go on with those
      """;
  private static final String ACTOR = "system:bench";

  private StoreMatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("db", "h2");
    o.put("hosts", "10000");
    o.put("packages", "700");
    o.put("advisories", "50000");
    o.put("seed", "42");
    o.put("current", "0.8");
    o.put("fleet-versions", "5");
    o.put("recent", "0.02");
    o.put("runs", "20");
    o.put("threads", "1");
    o.put("record-budget-s", "0");
    o.put("pool-size", "8");
    o.put("versions", "");
    o.put("pg-url", "jdbc:postgresql://127.0.0.1:5432/suture_test");
    o.put("pg-user", "suture");
    o.put("pg-password", "suture");
    Optional<Map<String, String>> parsed = BenchOptions.parse(args, o, USAGE);
    if (parsed.isEmpty()) return;
    o = parsed.get();
    String dbKind = o.get("db");
    if (!dbKind.equals("h2") && !dbKind.equals("postgres")) throw new IllegalArgumentException("--db: h2 or postgres, not '" + dbKind + "'");
    int hosts = Integer.parseInt(o.get("hosts"));
    int advisories = Integer.parseInt(o.get("advisories"));
    int runs = Integer.parseInt(o.get("runs"));
    int threads = Integer.parseInt(o.get("threads"));
    long budgetNanos = Long.parseLong(o.get("record-budget-s")) * 1_000_000_000L;
    long seed = Long.parseLong(o.get("seed"));
    double current = Double.parseDouble(o.get("current"));
    double recent = Double.parseDouble(o.get("recent"));
    if (hosts < 1 || advisories < 0 || runs < 1 || threads < 1) throw new IllegalArgumentException("sizes must be positive");

    SyntheticFleet sf = new SyntheticFleet(Integer.parseInt(o.get("packages")), Integer.parseInt(o.get("fleet-versions")), o.get("versions"));
    Random rnd = new Random(seed);
    System.out.printf("load %s; hosts %d, packages %d, advisories %d, seed %d, threads %d, java %s, %d cpus%n", loadavg(), hosts,
        sf.names.length, advisories, seed, threads, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

    // The zip first, from the same draws as MatchBenchmark's index, so the data is the same.
    long t = System.nanoTime();
    byte[] zip = zip(sf, advisories, rnd, recent);
    System.out.printf("feed zip built in memory: %d advisories, %.1f MB, %d ms (not in the import time)%n", advisories, zip.length / 1e6, ms(t));

    Clock clock = Clock.systemUTC();
    try (BenchDatabase db = BenchDatabase.create(dbKind, o.get("pg-url"), o.get("pg-user"), o.get("pg-password"));
         HikariDataSource ds = Store.pool(db.url, db.user, db.password, Integer.parseInt(o.get("pool-size")))) {
      System.out.println("database: " + db.describe());
      Store store = Store.on(ds, clock, new DocumentParser(Set.of("simulated")));
      JdbcFeedStore feeds = JdbcFeedStore.on(ds, clock);
      JdbcInventoryStore inventories = JdbcInventoryStore.on(ds, clock);
      JdbcFindingStore findings = JdbcFindingStore.on(ds, clock);
      VulnerabilityService service = new VulnerabilityService(feeds, inventories, findings, store.documents(), clock);
      FeedImporter importer = new FeedImporter(service);
      service.indexedAdvisories(); // a running server with an empty store: the index is loaded (empty) before the first import

      // 1. import
      CpuMeter.Sample c0 = CpuMeter.sample();
      t = System.nanoTime();
      FeedImporter.Result imported = importer.importFeed(FeedKind.OSV, new ByteArrayInputStream(zip), "bench-osv.zip", zip.length, null,
          ACTOR, p -> {});
      long importMs = ms(t);
      System.out.printf("1. import: %d records (%d new) in %d ms = %.0f records/s; findings opened %d (no hosts yet); index %d; cpu %s%n",
          imported.imported().records(), imported.imported().inserted(), importMs, imported.imported().records() * 1000.0 / Math.max(1, importMs),
          imported.findings().opened(), service.indexedAdvisories(), cpu(c0));
      zip = null;

      // 2. record hosts, each matched as it arrives
      InstalledPackage[][] rows = sf.rows();
      List<List<InstalledPackage>> fleet = new ArrayList<>(hosts);
      for (int i = 0; i < hosts; i++) fleet.add(SyntheticFleet.hostPackages(rows, current, rnd)); // same draws as MatchBenchmark's fleet
      Instant collected = clock.instant();
      long[] perHost = new long[hosts];
      long[] opened = new long[hosts];
      long[] storeNanos = new long[hosts];
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      long deadline = budgetNanos > 0 ? System.nanoTime() + budgetNanos : Long.MAX_VALUE;
      c0 = CpuMeter.sample();
      long start = System.nanoTime();
      Runnable recorder = () -> {
        for (int i; (i = next.getAndIncrement()) < hosts; ) {
          if (System.nanoTime() > deadline) {
            perHost[i] = -1;
            continue;
          }
          InventorySnapshot s = snapshot(SyntheticFleet.hostName(i), collected, fleet.get(i));
          // what service.record does, timed in its two parts: store the snapshot, then match it and save its findings
          long s0 = System.nanoTime();
          if (!inventories.replace(s, ACTOR)) throw new IllegalStateException(s.asset() + " was not stored");
          long s1 = System.nanoTime();
          VulnerabilityService.Outcome out = service.afterInventory(s);
          perHost[i] = System.nanoTime() - s0;
          storeNanos[i] = s1 - s0;
          opened[i] = out.opened();
          if ((i + 1) % 1000 == 0) System.err.printf("  recorded %d hosts, %d s%n", i + 1, (System.nanoTime() - start) / 1_000_000_000L);
        }
      };
      List<Thread> pool = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        Thread th = new Thread(recorder, "record-" + k);
        th.start();
        pool.add(th);
      }
      for (Thread th : pool) th.join();
      long recordMs = ms(start);
      int recorded = (int) Arrays.stream(perHost).filter(n -> n >= 0).count();
      long[] done = Arrays.stream(perHost).filter(n -> n >= 0).sorted().toArray();
      long openedAll = Arrays.stream(opened).sum();
      long[] stored = new long[recorded];
      long[] matchedOnly = new long[recorded];
      for (int i = 0, j = 0; i < hosts; i++) {
        if (perHost[i] < 0) continue;
        stored[j] = storeNanos[i];
        matchedOnly[j++] = perHost[i] - storeNanos[i];
      }
      Arrays.sort(stored);
      Arrays.sort(matchedOnly);
      System.out.printf("2. record: %d of %d hosts × %d packages (%d rows) in %d ms = %.1f hosts/s; per host median %.1f ms, p90 %.1f ms, "
              + "max %.1f ms (store the snapshot: median %.1f, p90 %.1f; match and save findings: median %.1f, p90 %.1f; sum of parts "
              + "%.0f + %.0f s); findings opened %d; cpu %s%n", recorded, hosts, sf.names.length, (long) recorded * sf.names.length, recordMs,
          recorded * 1000.0 / Math.max(1, recordMs), pct(done, 50), pct(done, 90), pct(done, 100), pct(stored, 50), pct(stored, 90),
          pct(matchedOnly, 50), pct(matchedOnly, 90), Arrays.stream(stored).sum() / 1e9, Arrays.stream(matchedOnly).sum() / 1e9, openedAll, cpu(c0));
      List<Integer> hostsRecorded = new ArrayList<>();
      for (int i = 0; i < hosts; i++) if (perHost[i] >= 0) hostsRecorded.add(i);
      fleet.clear(); // the store has them now

      // 3. full re-match from the store
      System.gc();
      c0 = CpuMeter.sample();
      t = System.nanoTime();
      AdvisoryIndex index = new AdvisoryIndex();
      feeds.forEachAdvisory(a -> index.add(a.osv()));
      long indexMs = ms(t);
      t = System.nanoTime();
      List<Host> all = new ArrayList<>();
      Map<InstalledPackage, InstalledPackage> interned = new HashMap<>();
      inventories.forEach(s -> {
        for (int i = 0; i < s.packageSets().size(); i++) {
          PackageSet set = s.packageSets().get(i);
          List<InstalledPackage> pkgs = new ArrayList<>(set.packages().size());
          for (InstalledPackage p : set.packages()) pkgs.add(interned.computeIfAbsent(p, x -> x));
          all.add(new Host(s.asset() + "#" + i, set.ecosystem(), pkgs));
        }
      });
      long readMs = ms(t);
      t = System.nanoTime();
      FleetMatcher matcher = new FleetMatcher(index, all);
      long buildMs = ms(t);
      t = System.nanoTime();
      long matched = matcher.matchAll().values().stream().mapToLong(List::size).sum();
      long matchMs = ms(t);
      long openInStore = findings.countByState().getOrDefault(FindingState.OPEN, 0L);
      System.out.printf("3. full re-match from the store: %d ms = index from forEachAdvisory %d ms (%d advisories) + read every inventory %d ms "
              + "(%d hosts, %d rows) + build matcher %d ms (%d tuples) + matchAll %d ms; %d findings (OPEN in the store: %d); cpu %s%n",
          indexMs + readMs + buildMs + matchMs, indexMs, index.size(), readMs, all.size(), matcher.installedRows(), buildMs,
          matcher.distinctTuples(), matchMs, matched, openInStore, cpu(c0));
      all.clear();
      interned.clear();

      // 4. one new advisory imported: import + incremental re-match + findings saved
      long[] adv = new long[runs];
      long advOpened = 0;
      for (int i = -3; i < runs; i++) { // 3 unreported warm-ups
        SyntheticFleet.Spec spec = sf.spec("DSA-NEW-" + (i + 3), rnd, 0.5);
        byte[] one = zip(sf, List.of(spec));
        long s0 = System.nanoTime();
        FeedImporter.Result r = importer.importFeed(FeedKind.OSV, new ByteArrayInputStream(one), "bench-new.zip", one.length, null, ACTOR, p -> {});
        long d = System.nanoTime() - s0;
        if (i >= 0) {
          adv[i] = d;
          advOpened += r.findings().opened();
        }
      }
      Arrays.sort(adv);
      System.out.printf("4. one new advisory imported (half of them recent fixes): median %.1f ms, p90 %.1f ms, max %.1f ms over %d; "
          + "findings opened %d in all%n", pct(adv, 50), pct(adv, 90), pct(adv, 100), runs, advOpened);

      // 5. one host's inventory changed: one lagging package upgraded to the newest
      long[] inv = new long[runs];
      long remediated = 0;
      Instant later = collected;
      for (int i = -3; i < runs; i++) {
        int h = hostsRecorded.get(Math.floorMod((i + 3) * 7919, hostsRecorded.size()));
        InventorySnapshot s = inventories.find(SyntheticFleet.hostName(h)).orElseThrow();
        List<InstalledPackage> pkgs = new ArrayList<>(s.packageSets().get(0).packages());
        for (int p = 0; p < pkgs.size(); p++) {
          InstalledPackage newest = rows[p][rows[p].length - 1];
          if (!pkgs.get(p).version().equals(newest.version())) {
            pkgs.set(p, newest);
            break;
          }
        }
        later = later.plusSeconds(1);
        InventorySnapshot changed = snapshot(s.asset(), later, pkgs);
        long s0 = System.nanoTime();
        VulnerabilityService.Outcome out = service.record(changed, ACTOR).orElseThrow();
        long d = System.nanoTime() - s0;
        if (i >= 0) {
          inv[i] = d;
          remediated += out.remediated();
        }
      }
      Arrays.sort(inv);
      System.out.printf("5. one host's inventory changed (a package upgraded): median %.1f ms, p90 %.1f ms, max %.1f ms over %d; "
          + "findings remediated %d in all%n", pct(inv, 50), pct(inv, 90), pct(inv, 100), runs, remediated);

      // 6. heap and disk
      long heap = usedAfterGc();
      System.out.printf("6. heap used after GC (service with its advisory index loaded): %.1f MB; database on disk: %s%n", heap / 1e6,
          diskSize(db, ds));
      if (db.h2Dir().isPresent()) {
        Instant[] at = {later};
        // every recorded host collected once more with what is stored (an unchanged daily collection): 700 rows replaced each
        Runnable recordAgain = () -> {
          for (int h : hostsRecorded) {
            InventorySnapshot s = inventories.find(SyntheticFleet.hostName(h)).orElseThrow();
            at[0] = at[0].plusSeconds(1);
            service.record(snapshot(s.asset(), at[0], s.packageSets().get(0).packages()), ACTOR).orElseThrow();
          }
        };
        h2Disk(db, ds, hostsRecorded.size(), recordAgain);
      }
      System.out.printf("load %s%n", loadavg());
    }
  }

  static InventorySnapshot snapshot(String asset, Instant at, List<InstalledPackage> pkgs) {
    return new InventorySnapshot(asset, at, "bench", "Debian GNU/Linux 12 (bookworm)", List.of(new PackageSet(SyntheticFleet.ECOSYSTEM, pkgs)),
        List.of());
  }

  private static byte[] zip(SyntheticFleet sf, int n, Random rnd, double recent) {
    List<SyntheticFleet.Spec> specs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) specs.add(sf.spec("DSA-BENCH-" + i, rnd, recent));
    return zip(sf, specs);
  }

  private static byte[] zip(SyntheticFleet sf, List<SyntheticFleet.Spec> specs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      for (SyntheticFleet.Spec s : specs) {
        z.putNextEntry(new ZipEntry(s.id() + ".json"));
        z.write(sf.json(s).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Where H2's bytes go: the file while open, after a checkpoint, after the ordinary close (which
   * compacts for at most MAX_COMPACT_TIME), and after SHUTDOWN COMPACT; and the live data per table
   * and in the LOB maps. Closes {@code ds}.
   */
  private static void h2Disk(BenchDatabase db, HikariDataSource ds, int hosts, Runnable recordAgain) throws SQLException {
    Path dir = db.h2Dir().orElseThrow();
    long open = H2DiskReport.filesSize(dir);
    String live;
    String retained;
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      live = H2DiskReport.report(c);
      // Dead chunks are only reused once RETENTION_TIME (45 s) has passed, and only freed when a later commit writes a chunk.
      Thread.sleep(46_000);
      s.execute("CREATE TABLE bench_tick (id INT PRIMARY KEY)");
      s.execute("INSERT INTO bench_tick VALUES (1)");
      retained = H2DiskReport.report(c);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    long waited = H2DiskReport.filesSize(dir);
    long t = System.nanoTime();
    recordAgain.run();
    long againMs = ms(t);
    long again = H2DiskReport.filesSize(dir);
    String afterAgain;
    try (Connection c = ds.getConnection()) {
      afterAgain = H2DiskReport.report(c);
    }
    ds.close();
    long closed = H2DiskReport.filesSize(dir);
    t = System.nanoTime();
    try (Connection c = java.sql.DriverManager.getConnection(db.url); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    }
    long compactMs = ms(t);
    long compacted = H2DiskReport.filesSize(dir);
    String after;
    try (Connection c = java.sql.DriverManager.getConnection(db.url)) {
      after = H2DiskReport.report(c);
    }
    System.out.printf("6. H2 file: open %.0f MB (%.2f MB per host recorded); 46 s later, after one commit %.0f MB; after every host recorded "
            + "once more (%d ms) %.0f MB; after the ordinary close %.0f MB; after SHUTDOWN COMPACT %.0f MB (%.2f MB per host; took %d ms)%n",
        open / 1e6, open / 1e6 / Math.max(1, hosts), waited / 1e6, againMs, again / 1e6, closed / 1e6, compacted / 1e6,
        compacted / 1e6 / Math.max(1, hosts), compactMs);
    System.out.print("   a. open:\n" + live + "   b. 46 s later, after one commit:\n" + retained + "   c. after every host recorded once more:\n"
        + afterAgain + "   d. after SHUTDOWN COMPACT:\n" + after);
  }

  /** The database's size on disk: H2's files, or PostgreSQL's relations in the schema (tables, indexes, TOAST). */
  private static String diskSize(BenchDatabase db, HikariDataSource ds) throws SQLException, IOException {
    Optional<Path> dir = db.h2Dir();
    if (dir.isPresent()) {
      try (Stream<Path> files = Files.walk(dir.get())) {
        long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        return String.format("%.0f MB (H2 files, before any compaction)", bytes / 1e6);
      }
    }
    StringBuilder sb = new StringBuilder();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
          + "WHERE n.nspname = current_schema() AND c.relkind = 'r'")) {
        rs.next();
        sb.append(String.format("%.0f MB in the schema (tables with their indexes and TOAST)", rs.getLong(1) / 1e6));
      }
      try (ResultSet rs = s.executeQuery("SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
          + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i') AND pg_relation_size(c.oid) > 10000000 ORDER BY 2 DESC")) {
        while (rs.next()) sb.append(String.format("; %s %.0f MB", rs.getString(1), rs.getLong(2) / 1e6));
      }
    }
    return sb.toString();
  }

  private static String cpu(CpuMeter.Sample from) {
    CpuMeter.Usage u = CpuMeter.between(from, CpuMeter.sample());
    return u.known() ? String.format("jvm/pg/oth %.2f/%.2f/%.2f cores", u.jvmCores(), u.postgresCores(), u.otherCores()) : "unknown";
  }

  private static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The p-th percentile (nearest rank) of sorted nanos, in ms. */
  private static double pct(long[] sorted, int p) {
    if (sorted.length == 0) return Double.NaN;
    int i = Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.min(i, sorted.length - 1)] / 1e6;
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long ms(long startNanos) { return (System.nanoTime() - startNanos) / 1_000_000; }
}
