package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.feed.FeedImport;
import dev.suture.core.feed.FeedKind;
import dev.suture.core.finding.Finding;
import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InstalledRow;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.LineProblem;
import dev.suture.core.inventory.PackageSet;
import dev.suture.core.json.Json;
import dev.suture.core.port.InventoryStore;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.AdvisoryIndex;
import dev.suture.core.vuln.AdvisoryIndex.Key;
import dev.suture.core.vuln.FleetMatcher;
import dev.suture.core.vuln.VulnerabilityService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Inventory snapshots on a real database: replaced as a whole, read back equal, streamed for the fleet. */
abstract class InventoryStoreScenarios extends VulnStoreFixture {

  static List<InstalledPackage> packages(int n, String version) {
    List<InstalledPackage> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(new InstalledPackage("lib" + i, "src" + (i / 3), version + i, version + (i / 3), "amd64"));
    return out;
  }

  InventorySnapshot snapshot(String asset, Instant at, PackageSet... sets) {
    return new InventorySnapshot(asset, at, "ssh:dpkg", "Debian GNU/Linux 12 (bookworm)", List.of(sets),
        List.of(new LineProblem(7, "broken\tline", "version: empty")));
  }

  @Test void aSnapshotReadsBackEqualWithItsSetsInOrder() {
    InventorySnapshot image = new InventorySnapshot("registry/app:1.4", Instant.parse("2026-12-01T08:59:59.123456Z"), "sbom:cyclonedx", "",
        List.of(new PackageSet("Debian:12", List.of(new InstalledPackage("libssl3", "openssl", "3.0.15-1~deb12u1", "3.0.15-1~deb12u1",
            "amd64"), new InstalledPackage("cpp", "gcc-defaults", "4:12.2.0-3", "1.203", "amd64"))),
            new PackageSet("npm", List.of()),
            new PackageSet("PyPI", List.of(new InstalledPackage("requests", "requests", "2.32.3", "2.32.3", "")))),
        List.of(new LineProblem(3, "x", "no version"), new LineProblem(9, "y\"z", "name: empty")));
    assertThat(inventories.replace(image, "system:inventory")).isTrue();

    assertThat(inventories.find("registry/app:1.4")).contains(image);
    assertThat(inventories.find("other")).isEmpty();
    assertThat(inventories.assets()).containsExactly("registry/app:1.4");
    assertThat(inventories.collectedAt()).isEqualTo(Map.of("registry/app:1.4", image.collectedAt()));
    List<AuditEvent> audit = store.audit().forSubject("inventory/registry/app:1.4");
    assertThat(audit).extracting(AuditEvent::action).containsExactly("inventory.collected");
    assertThat(Json.readObject(audit.get(0).details())).containsEntry("packages", 3L).containsEntry("problems", 2L)
        .containsEntry("ecosystems", List.of("Debian:12", "npm", "PyPI")).containsEntry("source", "sbom:cyclonedx");
  }

  @Test void aNewerSnapshotReplacesTheOldOneAsAWholeAndAnOlderOneIsIgnored() {
    Instant t0 = clock.instant();
    inventories.replace(snapshot("web-1", t0, new PackageSet("Debian:12", packages(1300, "1.0-"))), "system:inventory");
    InventorySnapshot fewer = snapshot("web-1", t0.plus(Duration.ofHours(1)), new PackageSet("Debian:12", packages(2, "1.1-")));
    assertThat(inventories.replace(fewer, "system:inventory")).isTrue();
    assertThat(inventories.find("web-1")).contains(fewer);

    InventorySnapshot stale = snapshot("web-1", t0.plus(Duration.ofMinutes(30)), new PackageSet("Debian:12", packages(5, "0.9-")));
    assertThat(inventories.replace(stale, "system:inventory")).isFalse();
    assertThat(inventories.find("web-1")).contains(fewer);
    assertThat(actions("inventory/web-1")).containsExactly("inventory.collected", "inventory.collected");
    assertThat(Json.readObject(store.audit().forSubject("inventory/web-1").get(1).details())).containsEntry("previousPackages", 1300L);
  }

  @Test void forEachHandsOutEveryAssetOnceInNameOrder() {
    Instant t = clock.instant();
    InventorySnapshot b = snapshot("b-host", t, new PackageSet("Debian:12", packages(1200, "2.0-")));
    InventorySnapshot a = snapshot("a-host", t, new PackageSet("Alpine:v3.20", packages(3, "1.2.3-r")));
    InventorySnapshot empty = snapshot("c-host", t);
    InventorySnapshot d = snapshot("d-host", t, new PackageSet("Rocky Linux:9", List.of()),
        new PackageSet("Rocky Linux:9", packages(4, "1.0-1.el9.")));
    for (InventorySnapshot s : List.of(b, empty, d, a)) inventories.replace(s, "system:inventory");

    List<InventorySnapshot> seen = new ArrayList<>();
    inventories.forEach(seen::add);
    assertThat(seen).containsExactly(a, b, empty, d);
    assertThat(inventories.assets()).containsExactly("a-host", "b-host", "c-host", "d-host");
  }

  @Test void aValueTooLongIsRefusedNamingItsFieldAndNothingIsWritten() {
    List<InstalledPackage> pkgs = new ArrayList<>(packages(2, "1.0-"));
    pkgs.add(new InstalledPackage("libx", "x", "1." + "0".repeat(600), "1.0", "amd64"));
    assertThatThrownBy(() -> inventories.replace(snapshot("web-1", clock.instant(), new PackageSet("Debian:12", List.of()),
        new PackageSet("Debian:12", pkgs)), "system:inventory"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("packageSets[1].packages[2].version: longer than 500 characters (602)");
    assertThat(inventories.assets()).isEmpty();
    assertThat(actions("inventory/web-1")).isEmpty();
  }

  // --- installedMatching: the rows one advisory can apply to, without loading inventories ---------------

  static InstalledPackage pkg(String name, String source, String version) { return new InstalledPackage(name, source, version, version, "amd64"); }

  /** Assets whose rows differ in every way the key rule cares about. */
  void storeMatchingFleet() {
    Instant t = clock.instant();
    inventories.replace(snapshot("b-host", t, new PackageSet("Debian:12", List.of(pkg("libssl3", "openssl", "3.0.15-1"),
        pkg("curl", "curl-src", "7.88.1-10"), pkg("openssl", "openssl", "3.0.15-1"), pkg("zlib1g", "", "1:1.2.13")))), "system:inventory");
    inventories.replace(snapshot("a-host", t, new PackageSet("Debian:11", List.of(pkg("openssl", "openssl", "1.1.1w-0"))),
        new PackageSet("npm", List.of(pkg("openssl", "openssl", "3.0.0"))),
        new PackageSet("Debian:11", List.of(pkg("curl", "curl", "7.74.0-1")))), "system:inventory");
    inventories.replace(snapshot("c-host", t, new PackageSet("Alpine:v3.20", List.of(pkg("libcrypto3", "openssl", "3.3.2-r0"))),
        new PackageSet("Debian:12", List.of(pkg("zlib1g", "zlib", "1:1.2.13")))), "system:inventory");
  }

  @Test void installedMatchingReturnsTheRowsAdvisoriesNameByTheSourceNameElseTheBinaryName() {
    storeMatchingFleet();
    List<InstalledRow> rows = inventories.installedMatching(List.of(Key.of("Debian", "openssl"), Key.of("Debian:12", "curl"),
        Key.of("debian", "zlib1g")));
    // openssl: both Debian releases (the key has none), not npm's openssl nor Alpine's; curl: only the row whose
    // source is curl (b-host's binary curl is built from curl-src); zlib1g: only the row without a source name
    assertThat(rows).containsExactly(
        new InstalledRow("a-host", 0, "Debian:11", pkg("openssl", "openssl", "1.1.1w-0")),
        new InstalledRow("a-host", 2, "Debian:11", pkg("curl", "curl", "7.74.0-1")),
        new InstalledRow("b-host", 0, "Debian:12", pkg("libssl3", "openssl", "3.0.15-1")),
        new InstalledRow("b-host", 0, "Debian:12", pkg("openssl", "openssl", "3.0.15-1")),
        new InstalledRow("b-host", 0, "Debian:12", pkg("zlib1g", "", "1:1.2.13")));
    assertThat(inventories.installedMatching(List.of(Key.of("Alpine:v3.21", "openssl"), Key.of("npm", "openssl"))))
        .extracting(InstalledRow::asset, InstalledRow::setIndex).containsExactly(org.assertj.core.groups.Tuple.tuple("a-host", 1),
            org.assertj.core.groups.Tuple.tuple("c-host", 0));
    assertThat(inventories.installedMatching(List.of(Key.of("Debian", "libssl3"), Key.of("Debian", "nothing")))).isEmpty();
    assertThat(inventories.installedMatching(List.of())).isEmpty();

    // a replaced inventory's old rows are gone from the answer
    inventories.replace(snapshot("b-host", clock.instant().plusSeconds(60), new PackageSet("Debian:12", List.of(pkg("curl", "curl", "8.0-1")))),
        "system:inventory");
    assertThat(inventories.installedMatching(List.of(Key.of("Debian", "openssl"), Key.of("Debian", "curl"))))
        .extracting(InstalledRow::asset, r -> r.installed().version())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a-host", "1.1.1w-0"), org.assertj.core.groups.Tuple.tuple("a-host", "7.74.0-1"),
            org.assertj.core.groups.Tuple.tuple("b-host", "8.0-1"));
  }

  @Test void installedMatchingEqualsTheDefaultThatWalksEveryInventory() {
    storeMatchingFleet();
    for (int h = 0; h < 12; h++) {
      List<InstalledPackage> pkgs = new ArrayList<>();
      for (int p = 0; p < 40; p++) pkgs.add(pkg("bin" + p, p % 7 == 0 ? "" : "src" + (p / 3), "1." + ((h + p) % 4) + "-1"));
      inventories.replace(snapshot(String.format("host-%02d", 11 - h), clock.instant(), new PackageSet(h % 3 == 0 ? "Ubuntu:22.04:LTS" : "Debian:12", pkgs)),
          "system:inventory");
    }
    InventoryStore walking = walking(inventories);
    List<Key> keys = new ArrayList<>();
    for (String name : List.of("src1", "src4", "bin7", "bin8", "bin14", "openssl", "zlib", "zlib1g", "curl")) {
      keys.add(Key.of("Debian", name));
      keys.add(Key.of("Ubuntu", name));
    }
    List<InstalledRow> expected = walking.installedMatching(keys);
    assertThat(expected).hasSizeGreaterThan(40);
    assertThat(inventories.installedMatching(keys)).isEqualTo(expected);
  }

  @Test void installedMatchingRefusesMoreNamesThanOneStatementTakes() {
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i <= JdbcInventoryStore.MAX_MATCH_NAMES; i++) keys.add(Key.of("Debian", "p" + i));
    assertThatThrownBy(() -> inventories.installedMatching(keys)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keys: 10001 distinct package names, at most 10000 per call");
  }

  /** V9's indexes serve both branches of the query (the planner is told not to scan the table, as it would for a few rows). */
  @Test void installedMatchingIsServedByTheMatchIndexes() throws Exception {
    storeMatchingFleet();
    String sql = JdbcInventoryStore.matchSql(2).replaceFirst("\\?", "'openssl'").replaceFirst("\\?", "'curl'")
        .replaceFirst("\\?", "'openssl'").replaceFirst("\\?", "'curl'");
    StringBuilder plan = new StringBuilder();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      boolean pg = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
      if (pg) st.execute("SET enable_seqscan = off");
      try (ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
        while (rs.next()) plan.append(rs.getString(1)).append('\n');
      }
      if (pg) st.execute("RESET enable_seqscan");
    }
    assertThat(plan.toString().toLowerCase()).contains("installed_packages_match_source").contains("installed_packages_match_name");
  }

  /** An InventoryStore that answers installedMatching with the port's default, which walks every inventory. */
  static InventoryStore walking(InventoryStore s) {
    return new InventoryStore() {
      @Override public boolean replace(InventorySnapshot snapshot, String actor) { return s.replace(snapshot, actor); }
      @Override public Optional<InventorySnapshot> find(String asset) { return s.find(asset); }
      @Override public List<String> assets() { return s.assets(); }
      @Override public Map<String, Instant> collectedAt() { return s.collectedAt(); }
      @Override public void forEach(Consumer<InventorySnapshot> consumer) { s.forEach(consumer); }
    };
  }

  // --- VulnerabilityService.afterImport through the store query: the same findings as the whole fleet ----

  /**
   * Re-matching an import from the store query gives the findings that matching the whole fleet gives:
   * a first import naming more packages than one query takes (so it is cut into groups), then a change
   * of one advisory, then a withdrawal.
   */
  @Test void afterImportMatchesTheSameFindingsAsTheWholeFleet() {
    int packages = 150; // more keys than VulnerabilityService.KEYS_PER_QUERY (64)
    for (int h = 0; h < 8; h++) {
      List<InstalledPackage> pkgs = new ArrayList<>();
      for (int p = 0; p < packages; p++) {
        String v = "1." + ((h + p) % 4) + "-1";
        if (p % 10 == 0) pkgs.add(new InstalledPackage("src" + p, "", v, "", "amd64")); // no source name: matched by binary name
        else {
          pkgs.add(new InstalledPackage("lib" + p, "src" + p, v, v, "amd64"));
          pkgs.add(new InstalledPackage("src" + p + "-bin", "src" + p, v, v, "amd64"));
        }
      }
      inventories.replace(snapshot("host-" + h, clock.instant(), new PackageSet(h == 7 ? "Debian:11" : "Debian:12", pkgs)), "system:inventory");
    }
    VulnerabilityService service = new VulnerabilityService(feeds, inventories, findings, store.documents(), clock);
    List<Advisory> first = new ArrayList<>();
    for (int p = 0; p < packages; p++) first.add(advisory("DSA-" + (1000 + p), "2026-11-01T00:00:00Z", "src" + p, "1." + (p % 3 + 1) + "-1"));
    FeedImport one = importOsv(first);
    assertThat(one.changedAdvisoryIds()).hasSize(packages);
    VulnerabilityService.Outcome outcome = service.afterImport(one);
    Set<String> expected = wholeFleet(first);
    assertThat(expected).hasSizeGreaterThan(packages);
    assertThat(openFindings()).isEqualTo(expected);
    assertThat(outcome.opened()).isEqualTo(expected.size());

    // one advisory changes: fixed later, so more hosts are affected
    List<Advisory> second = new ArrayList<>(first);
    Advisory changed = advisory("DSA-1001", "2026-11-02T00:00:00Z", "src1", "1.9-1");
    second.set(1, changed);
    FeedImport two = importOsv(List.of(changed));
    assertThat(two.changedAdvisoryIds()).containsExactly("DSA-1001");
    service.afterImport(two);
    assertThat(openFindings()).isEqualTo(wholeFleet(second)).isNotEqualTo(expected);

    // one advisory is withdrawn: its findings are closed, the others stay
    Map<String, Object> doc = Json.readObject(osvJson("DSA-1002", "2026-11-03T00:00:00Z", "src2", "1.3-1", "withdrawn"));
    doc.put("withdrawn", "2026-11-03T00:00:00Z");
    Advisory withdrawn = advisory(Json.write(doc));
    second.remove(2);
    assertThat(openFindings()).anyMatch(f -> f.contains(" DSA-1002 "));
    service.afterImport(importOsv(List.of(withdrawn)));
    assertThat(openFindings()).isEqualTo(wholeFleet(second)).noneMatch(f -> f.contains(" DSA-1002 "));
  }

  private FeedImport importOsv(List<Advisory> advisories) {
    return feeds.importFeed(FeedKind.OSV, "test.zip", "system:test", batch -> advisories.forEach(batch::advisory));
  }

  /** The old way: every inventory loaded, one matcher over the whole fleet, every advisory matched. */
  private Set<String> wholeFleet(List<Advisory> advisories) {
    AdvisoryIndex index = new AdvisoryIndex();
    List<FleetMatcher.Host> hosts = new ArrayList<>();
    Map<String, String> assetOf = new HashMap<>();
    inventories.forEach(s -> {
      for (int i = 0; i < s.packageSets().size(); i++) {
        hosts.add(new FleetMatcher.Host(s.asset() + "#" + i, s.packageSets().get(i).ecosystem(), s.packageSets().get(i).packages()));
        assetOf.put(s.asset() + "#" + i, s.asset());
      }
    });
    FleetMatcher matcher = new FleetMatcher(index, hosts);
    Set<String> out = new TreeSet<>();
    for (Advisory a : advisories) {
      for (FleetMatcher.Finding f : matcher.matchAdvisory(a.osv()).findings())
        out.add(assetOf.get(f.host()) + " " + f.advisoryId() + " " + FleetMatcher.matchName(f.installed()) + " "
            + FleetMatcher.matchVersion(f.installed()) + " " + f.fixed().orElse("-"));
    }
    return out;
  }

  private Set<String> openFindings() {
    Set<String> out = new TreeSet<>();
    for (String asset : inventories.assets()) {
      for (Finding f : findings.forAsset(asset)) {
        if (f.state() != dev.suture.core.finding.FindingState.OPEN) continue;
        out.add(f.key().asset() + " " + f.key().advisoryId() + " " + f.key().packageName() + " " + f.installedVersion() + " "
            + f.fixedVersion().orElse("-"));
      }
    }
    return out;
  }
}
