package dev.suture.server.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.suture.core.auth.Role;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.PackageSet;
import dev.suture.core.json.Json;
import dev.suture.core.metrics.MetricNames;
import dev.suture.core.testing.ManualClock;
import dev.suture.core.vuln.VulnerabilityService;
import dev.suture.server.SutureServer;
import dev.suture.server.TestTokens;
import dev.suture.store.Store;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The reports and M5/M6 through the whole server on a real HTTP port and a manual clock: a small OSV
 * feed and KEV catalog are imported, synthetic inventories are recorded for assets in staging and
 * production (one asset has none), one finding is remediated two days later, and every report is read
 * as JSON and CSV, then M5 and M6 are read from /actuator/prometheus.
 */
@SpringBootTest(classes = {SutureServer.class, ReportsApiTest.Clocks.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:reports-api;DB_CLOSE_DELAY=-1", "suture.metrics.interval=300ms"})
class ReportsApiTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  static final ManualClock CLOCK = ManualClock.startingAt(T0.toString());
  static final String ADV1 = "DEBIAN-CVE-2099-1111";
  static final String ADV2 = "DEBIAN-CVE-2099-2222";

  @TestConfiguration static class Clocks {
    @Bean @Primary Clock manualClock() { return CLOCK; }
  }

  @LocalServerPort int port;
  @Autowired Store store;
  @Autowired DocumentParser parser;
  @Autowired VulnerabilityService vulnerabilities;
  @Autowired dev.suture.server.security.Accounts accounts;

  record Reply(int status, String raw, String type) {
    @SuppressWarnings("unchecked") Map<String, Object> map() { return (Map<String, Object>) Json.read(raw); }

    /** The rows of the named table of a JSON report. */
    @SuppressWarnings("unchecked") List<Map<String, String>> rows(String table) {
      for (Object t : (List<Object>) map().get("tables")) {
        Map<String, Object> m = (Map<String, Object>) t;
        if (m.get("name").equals(table)) return (List<Map<String, String>>) m.get("rows");
      }
      throw new AssertionError("no table " + table + " in " + raw);
    }
  }

  Reply get(String token, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
  }

  Reply upload(String token, String path, byte[] bytes) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), "");
  }

  static String advisory(String id, String pkg, String published, String events, String severity) {
    return "{\"schema_version\":\"1.6.0\",\"id\":\"" + id + "\",\"modified\":\"2026-11-02T00:00:00Z\","
        + (published == null ? "" : "\"published\":\"" + published + "\",")
        + "\"aliases\":[\"" + id.substring("DEBIAN-".length()) + "\"],\"summary\":\"" + pkg + ": test\","
        + (severity == null ? "" : "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"" + severity + "\"}],")
        + "\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"" + pkg + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
        + "\"events\":" + events + "}]}]}";
  }

  static byte[] zip(Map<String, String> entries) { return OsvZips.zip(entries); }

  static InventorySnapshot snapshot(String asset, Instant at, String... nameVersion) {
    List<InstalledPackage> ps = new ArrayList<>();
    for (int i = 0; i + 1 < nameVersion.length; i += 2)
      ps.add(new InstalledPackage(nameVersion[i], nameVersion[i], nameVersion[i + 1], nameVersion[i + 1], "amd64"));
    return new InventorySnapshot(asset, at, "test:synthetic", "Debian GNU/Linux 12 (bookworm)", List.of(new PackageSet("Debian:12", ps)),
        List.of());
  }

  static String asset(String name, String env, String group, String extra) {
    return "apiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: " + name + ", labels: {exposure: internet}}\n"
        + "spec: {environment: " + env + ", groups: [" + group + "]" + extra + "}\n---\n";
  }

  /** Metric name → (labels text → value) from the Prometheus text format. */
  Map<String, Map<String, String>> scrape(String token) throws Exception {
    Reply r = get(token, "/actuator/prometheus");
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    Map<String, Map<String, String>> out = new HashMap<>();
    for (String line : r.raw().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
      String labels = brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
      out.computeIfAbsent(name, k -> new HashMap<>()).put(labels, line.substring(space + 1));
    }
    return out;
  }

  @Test void everyReportInJsonAndCsvAndM5AndM6FromTheFindings() throws Exception {
    String ops = TestTokens.of(accounts, "ops-reports", Role.OPERATOR, Role.VIEWER);
    String viewer = TestTokens.of(accounts, "viewer-reports", Role.VIEWER);
    store.documents().apply(parser.parse("assets.yaml",
        asset("stg-1", "staging", "web", "")
            + asset("prod-1", "production", "web", ", criticality: critical")
            + asset("prod-2", "production", "db", ", criticality: critical")
            + asset("prod-3", "production", "db", "").replace("---\n", "")), "tester");

    // openssl: fixed in 3.0.15-1, published a month before T0, CVE listed in KEV. zlib: no fix yet, no publication date.
    byte[] feed = zip(new LinkedHashMap<>(Map.of(
        ADV1 + ".json", advisory(ADV1, "openssl", "2026-11-01T00:00:00Z", "[{\"introduced\":\"0\"},{\"fixed\":\"3.0.15-1\"}]",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
        ADV2 + ".json", advisory(ADV2, "zlib", null, "[{\"introduced\":\"0\"}]", null))));
    assertThat(upload(ops, "/feeds/osv/import?source=reports.zip", feed).status()).isEqualTo(200);
    String kev = "{\"title\":\"KEV\",\"catalogVersion\":\"1\",\"dateReleased\":\"2026-11-30T00:00:00Z\",\"count\":1,"
        + "\"vulnerabilities\":[{\"cveID\":\"CVE-2099-1111\",\"vendorProject\":\"OpenSSL\",\"product\":\"openssl\",\"vulnerabilityName\":\"x\","
        + "\"dateAdded\":\"2026-11-30\",\"shortDescription\":\"x\",\"requiredAction\":\"patch\",\"dueDate\":\"2027-01-31\","
        + "\"knownRansomwareCampaignUse\":\"Known\",\"notes\":\"\"}]}";
    assertThat(upload(ops, "/feeds/kev/import", kev.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

    vulnerabilities.record(snapshot("stg-1", T0, "openssl", "3.0.15-1", "zlib", "1:1.2.13.dfsg-1"), "tester");
    vulnerabilities.record(snapshot("prod-1", T0, "openssl", "3.0.11-1"), "tester");
    vulnerabilities.record(snapshot("prod-2", T0, "openssl", "3.0.11-1"), "tester");
    CLOCK.advance(Duration.ofDays(2));
    assertThat(vulnerabilities.record(snapshot("prod-2", CLOCK.instant(), "openssl", "3.0.15-1"), "tester").orElseThrow().remediated())
        .isEqualTo(1);

    // Coverage: stg-1 only has a finding without a fix (covered), prod-1 misses the openssl fix, prod-2 has it, prod-3 is unknown.
    Reply coverage = get(viewer, "/api/v1/reports/coverage");
    assertThat(coverage.status()).as(coverage.raw()).isEqualTo(200);
    assertThat(coverage.type()).startsWith("application/json");
    assertThat(coverage.map()).containsEntry("report", "coverage").containsEntry("window", null);
    List<Map<String, String>> cov = coverage.rows("coverage");
    assertThat(cov.get(0)).containsEntry("scope", "all").containsEntry("assets", "4").containsEntry("withoutInventory", "1")
        .containsEntry("assessed", "3").containsEntry("covered", "2").containsEntry("missingPatch", "1").containsEntry("noFixOnly", "1")
        .containsEntry("coverageRatio", "0.6667");
    assertThat(cov).extracting(r -> r.get("scope") + "/" + r.get("name") + "=" + r.get("coverageRatio"))
        .containsExactly("all/all=0.6667", "environment/production=0.5", "environment/staging=1", "group/db=1", "group/web=0.5");
    Reply covCsv = get(viewer, "/api/v1/reports/coverage?format=csv");
    assertThat(covCsv.status()).isEqualTo(200);
    assertThat(covCsv.type()).startsWith("text/csv");
    assertThat(covCsv.raw()).startsWith("scope,name,assets,withoutInventory,assessed,covered,missingPatch,noFixOnly,coverageRatio\r\n"
        + "all,all,4,1,3,2,1,1,0.6667\r\n");

    // MTTP: prod-2's openssl finding, from the advisory's publication to its remediation two days after T0: 32 days.
    long mttp = Duration.ofDays(32).toSeconds();
    Reply m = get(viewer, "/api/v1/reports/mttp?window=7d");
    assertThat(m.status()).as(m.raw()).isEqualTo(200);
    assertThat(m.map()).containsEntry("window", "7d");
    assertThat(m.rows("mttp-findings")).singleElement().satisfies(r -> assertThat(r).containsEntry("asset", "prod-2")
        .containsEntry("environment", "production").containsEntry("priority", "emergency").containsEntry("startBasis", "published")
        .containsEntry("start", "2026-11-01T00:00:00Z").containsEntry("seconds", String.valueOf(mttp)));
    assertThat(m.rows("mttp")).filteredOn(r -> r.get("name").equals("emergency")).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("count", "1").containsEntry("p90Seconds", String.valueOf(mttp)));
    assertThat(get(viewer, "/api/v1/reports/mttp?window=1d").rows("mttp-findings")).singleElement();
    assertThat(get(viewer, "/api/v1/reports/mttp?window=1h").rows("mttp-findings")).singleElement();
    CLOCK.advance(Duration.ofHours(2));
    assertThat(get(viewer, "/api/v1/reports/mttp?window=1h").rows("mttp-findings")).isEmpty();
    Reply mCsv = get(viewer, "/api/v1/reports/mttp?format=csv&table=mttp-findings");
    assertThat(mCsv.raw()).startsWith("asset,environment,advisory,package,priority,start,startBasis,remediatedAt,seconds\r\n"
        + "prod-2,production," + ADV1 + ",openssl,emergency,2026-11-01T00:00:00Z,published,2026-12-03T00:00:00Z," + mttp + "\r\n");

    // SLA (KEV on an internet-facing critical asset: EMERGENCY, due 24 h after first seen).
    Reply sla = get(viewer, "/api/v1/reports/finding-sla");
    assertThat(sla.status()).as(sla.raw()).isEqualTo(200);
    assertThat(sla.rows("sla")).extracting(r -> r.get("status") + ":" + r.get("asset") + ":" + r.get("overdueSeconds"))
        .containsExactly("breached:prod-1:" + Duration.ofHours(50 - 24).toSeconds(), "remediated-late:prod-2:" + Duration.ofDays(1).toSeconds());
    assertThat(sla.rows("sla-summary").get(0)).containsEntry("priority", "all").containsEntry("breached", "1")
        .containsEntry("remediatedLate", "1");
    assertThat(get(viewer, "/api/v1/reports/finding-sla?format=csv&table=sla-summary").raw())
        .startsWith("priority,breached,atRisk,remediatedLate\r\nall,1,0,1\r\n");
    // /reports/sla stays the patch registry's SLA report.
    assertThat(get(viewer, "/api/v1/reports/sla").raw()).contains("overdueObligations");

    // KEV exposure: only prod-1 is still exposed.
    Reply k = get(viewer, "/api/v1/reports/kev");
    assertThat(k.rows("kev")).singleElement().satisfies(r -> assertThat(r).containsEntry("environment", "production")
        .containsEntry("asset", "prod-1").containsEntry("cve", "CVE-2099-1111").containsEntry("kevDue", "2027-01-31")
        .containsEntry("knownRansomwareUse", "true").containsEntry("fixedVersion", "3.0.15-1"));
    assertThat(get(viewer, "/api/v1/reports/kev?format=csv").raw()).contains("\r\nproduction,prod-1," + ADV1 + ",openssl,CVE-2099-1111,");

    // Drift: staging runs 3.0.15-1, so prod-1 at 3.0.11-1 lags; zlib is only in staging and not compared.
    Reply d = get(viewer, "/api/v1/reports/drift");
    assertThat(d.rows("drift")).extracting(r -> r.get("package") + " " + r.get("environment") + " " + r.get("version") + " "
        + r.get("status") + " " + r.get("expectedFrom") + " [" + r.get("driftAssets") + "]")
        .containsExactly("openssl staging 3.0.15-1 current staging []", "openssl production 3.0.15-1 current staging []",
            "openssl production 3.0.11-1 behind staging [prod-1]");
    assertThat(get(viewer, "/api/v1/reports/drift?format=csv").raw())
        .contains("\r\nDebian,openssl,production,3.0.11-1,1,3.0.15-1,staging,behind,true,prod-1\r\n");

    // Bad requests name the field; no token is 401.
    Reply unknown = get(viewer, "/api/v1/reports/nope");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.raw()).contains("\"field\":\"report\"").contains("coverage, mttp, finding-sla, kev, drift");
    assertThat(get(viewer, "/api/v1/reports/mttp?window=soon").raw()).contains("\"field\":\"window\"");
    assertThat(get(viewer, "/api/v1/reports/mttp?window=0d").status()).isEqualTo(400);
    assertThat(get(viewer, "/api/v1/reports/mttp?format=xml").raw()).contains("\"field\":\"format\"");
    assertThat(get(viewer, "/api/v1/reports/mttp?format=csv&table=nope").raw()).contains("\"field\":\"table\"").contains("mttp-findings");
    assertThat(get(null, "/api/v1/reports/coverage").status()).isEqualTo(401);

    // M5 and M6 at /actuator/prometheus come from the same findings (recomputed every 300 ms).
    long end = System.currentTimeMillis() + 20_000;
    Map<String, Map<String, String>> s = scrape(viewer);
    while (!"1.0".equals(s.getOrDefault(MetricNames.M6_PATCHES, Map.of()).get("{priority=\"emergency\"}"))) {
      if (System.currentTimeMillis() > end) throw new AssertionError("M6 never counted the remediation: " + s.get(MetricNames.M6_PATCHES));
      Thread.sleep(100);
      s = scrape(viewer);
    }
    assertThat(Double.parseDouble(s.get(MetricNames.M5_COVERAGE).get("{environment=\"all\"}"))).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(s.get(MetricNames.M5_COVERAGE)).containsEntry("{environment=\"production\"}", "0.5")
        .containsEntry("{environment=\"staging\"}", "1.0");
    assertThat(s.get(MetricNames.M5_APPLICABLE)).containsEntry("{environment=\"all\"}", "3.0");
    assertThat(s.get(MetricNames.M5_PATCHED)).containsEntry("{environment=\"all\"}", "2.0");
    assertThat(s.get(MetricNames.M5_WITHOUT_INVENTORY)).containsEntry("{environment=\"production\"}", "1.0");
    assertThat(Double.parseDouble(s.get(MetricNames.M6_MTTP).get("{priority=\"emergency\",stat=\"mean\"}"))).isEqualTo(mttp);
    assertThat(Double.parseDouble(s.get(MetricNames.M6_MTTP).get("{priority=\"all\",stat=\"median\"}"))).isEqualTo(mttp);
    assertThat(s.get(MetricNames.M6_MTTP)).containsEntry("{priority=\"high\",stat=\"mean\"}", "NaN");
  }
}
