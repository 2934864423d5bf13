package dev.suture.server.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.auth.Role;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.finding.FindingState;
import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.PackageSet;
import dev.suture.core.json.Json;
import dev.suture.core.model.Patch;
import dev.suture.core.plan.Plan;
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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Findings → proposed patches → Patch and Plan, through the whole server on a real HTTP port: an OSV
 * feed and synthetic inventories open findings on four assets in two environments; the proposals
 * group them at the highest fixed version per environment; one is created from a template plan (the
 * documents exist, the findings are patch-planned with history); a bad template, an existing name
 * or a bad name writes nothing.
 */
@SpringBootTest(classes = SutureServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:proposals-api;DB_CLOSE_DELAY=-1", "suture.inventory.executor=command"})
class ProposalsApiTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String PROD = "openssl-3.0.15-1-deb12u1-production";
  @LocalServerPort int port;
  @Autowired Store store;
  @Autowired DocumentParser parser;
  @Autowired VulnerabilityService vulns;
  @Autowired dev.suture.server.security.Accounts accounts;

  record Reply(int status, String raw) {
    @SuppressWarnings("unchecked") Map<String, Object> map() { return (Map<String, Object>) Json.read(raw); }

    @SuppressWarnings("unchecked") List<Map<String, Object>> list() { return (List<Map<String, Object>>) Json.read(raw); }
  }

  Reply call(String token, String method, String path, HttpRequest.BodyPublisher body, String type) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).method(method, body);
    if (type != null) b.header("Content-Type", type);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  Reply json(String token, String method, String path, Object body) throws Exception {
    return call(token, method, path, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(Json.write(body)), body == null ? null : "application/json");
  }

  static String advisory(String id, String pkg, String fixed, String cve, String cvss) {
    return "{\"schema_version\":\"1.6.0\",\"id\":\"" + id + "\",\"modified\":\"2026-11-01T00:00:00Z\",\"aliases\":[\"" + cve + "\"],"
        + "\"summary\":\"" + pkg + ": test advisory\",\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"" + cvss + "\"}],"
        + "\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"" + pkg + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
        + "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"" + fixed + "\"}]}]}]}";
  }

  static byte[] zip(Map<String, String> entries) { return OsvZips.zip(entries); }

  static String asset(String name, String env, String role) {
    return "apiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: " + name + ", labels: {role: " + role + "}}\n"
        + "spec: {environment: " + env + ", address: 127.0.0.1, criticality: high}\n---\n";
  }

  void inventory(String asset, String... sourceAndVersion) {
    List<InstalledPackage> pkgs = new java.util.ArrayList<>();
    for (int i = 0; i < sourceAndVersion.length; i += 2)
      pkgs.add(new InstalledPackage(sourceAndVersion[i] + "-bin", sourceAndVersion[i], sourceAndVersion[i + 1], sourceAndVersion[i + 1], "amd64"));
    assertThat(vulns.record(new InventorySnapshot(asset, Instant.now(), "test:synthetic", "Debian 12",
        List.of(new PackageSet("Debian:12", pkgs)), List.of()), "tester")).isPresent();
  }

  int count(DocumentKind kind) { return store.documents().list(kind).size(); }

  @Test void openFindingsBecomeProposalsAndOneBecomesAPatchAndAPlanInOneStep() throws Exception {
    String suffix = Long.toString(System.nanoTime(), 36);
    String viewer = TestTokens.of(accounts, "viewer-" + suffix, Role.VIEWER);
    String requester = TestTokens.of(accounts, "req-" + suffix, Role.REQUESTER);
    String ops = TestTokens.of(accounts, "ops-" + suffix, Role.OPERATOR);
    store.documents().apply(parser.parse("fleet.yaml", asset("web-1", "production", "web") + asset("web-2", "production", "web")
        + asset("db-1", "production", "db") + asset("stg-1", "staging", "web")
        + "apiVersion: suture.dev/v1\nkind: Plan\nmetadata: {name: web-template}\nspec:\n"
        + "  targets: {selector: \"env=staging,role=web\"}\n"
        + "  executor: {type: command, apply: [echo, on, \"{{patch.version}}\"], version: [cat, /nonexistent]}\n"
        + "  stages:\n    - canary: {count: 1, bake: 1s}\n    - wave: {percent: 100, maxConcurrency: 2, maxErrors: 0}\n---\n"
        + "apiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: taken}\nspec: {kind: bugfix, priority: routine, version: '1'}\n"), "tester");

    String critical = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    String low = "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N";
    Map<String, String> feed = new LinkedHashMap<>();
    feed.put("DSA-A.json", advisory("DSA-A", "openssl", "3.0.11-1~deb12u2", "CVE-2099-1001", low));
    feed.put("DSA-B.json", advisory("DSA-B", "openssl", "3.0.15-1~deb12u1", "CVE-2099-1002", critical));
    feed.put("DSA-C.json", advisory("DSA-C", "curl", "7.88.1-10+deb12u8", "CVE-2099-1003", low));
    Reply imported = call(ops, "POST", "/feeds/osv/import?source=fixture.zip", HttpRequest.BodyPublishers.ofByteArray(zip(feed)),
        "application/octet-stream");
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
    inventory("web-1", "openssl", "3.0.11-1~deb12u1");           // DSA-A and DSA-B
    inventory("web-2", "openssl", "3.0.13-1~deb12u1");           // DSA-B only
    inventory("stg-1", "openssl", "3.0.9-1");                    // both, in staging
    inventory("db-1", "curl", "7.88.1-10+deb12u5");              // DSA-C

    List<Map<String, Object>> all = json(viewer, "GET", "/proposals", null).list();
    assertThat(all).extracting(p -> p.get("id")).containsExactlyInAnyOrder(PROD, "openssl-3.0.15-1-deb12u1-staging",
        "curl-7.88.1-10-deb12u8-production");
    Map<String, Object> prod = all.stream().filter(p -> p.get("id").equals(PROD)).findFirst().orElseThrow();
    // The highest fixed version on the environment (dpkg order), one proposal closing all three findings.
    assertThat(prod).containsEntry("fixedVersion", "3.0.15-1~deb12u1").containsEntry("environment", "production")
        .containsEntry("packageName", "openssl").containsEntry("ecosystem", "Debian:12")
        .containsEntry("assets", List.of("web-1", "web-2")).containsEntry("advisories", List.of("DSA-A", "DSA-B"))
        .containsEntry("cves", List.of("CVE-2099-1001", "CVE-2099-1002"));
    assertThat((List<?>) prod.get("findings")).hasSize(3);
    assertThat(prod.get("due")).isNotNull();
    String priority = (String) prod.get("priority");
    assertThat(priority).isIn("emergency", "high");
    assertThat(all.get(0).get("id")).as("most urgent first").isEqualTo(PROD);
    assertThat(json(viewer, "GET", "/proposals?environment=staging", null).list()).extracting(p -> p.get("id"))
        .containsExactly("openssl-3.0.15-1-deb12u1-staging");
    assertThat(json(viewer, "GET", "/proposals?package=curl", null).list()).extracting(p -> p.get("environment"))
        .containsExactly("production");

    // Refusals write nothing: no template, an unknown template, an existing patch or plan name, a bad name, a viewer.
    int patches = count(DocumentKind.PATCH);
    int plans = count(DocumentKind.PLAN);
    Reply noTemplate = json(requester, "POST", "/proposals/" + PROD, Map.of());
    assertThat(noTemplate.status()).isEqualTo(400);
    assertThat(noTemplate.raw()).contains("planTemplate");
    Reply unknown = json(requester, "POST", "/proposals/" + PROD, Map.of("planTemplate", "nope"));
    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
    assertThat(unknown.raw()).contains("planTemplate").contains("nope");
    Reply takenPatch = json(requester, "POST", "/proposals/" + PROD, Map.of("planTemplate", "web-template", "patchName", "taken"));
    assertThat(takenPatch.status()).as(takenPatch.raw()).isEqualTo(409);
    assertThat(takenPatch.raw()).contains("patch 'taken' already exists");
    Reply takenPlan = json(requester, "POST", "/proposals/" + PROD, Map.of("planTemplate", "web-template", "planName", "web-template"));
    assertThat(takenPlan.status()).as(takenPlan.raw()).isEqualTo(409);
    assertThat(takenPlan.raw()).contains("plan 'web-template' already exists");
    Reply badName = json(requester, "POST", "/proposals/" + PROD, Map.of("planTemplate", "web-template", "patchName", "a\u0001b"));
    assertThat(badName.status()).as(badName.raw()).isEqualTo(400);
    assertThat(badName.raw()).contains("patchName");
    assertThat(json(viewer, "POST", "/proposals/" + PROD, Map.of("planTemplate", "web-template")).status()).isEqualTo(403);
    assertThat(json(requester, "POST", "/proposals/no-such-proposal", Map.of("planTemplate", "web-template")).status()).isEqualTo(404);
    assertThat(count(DocumentKind.PATCH)).isEqualTo(patches);
    assertThat(count(DocumentKind.PLAN)).isEqualTo(plans);
    assertThat(vulns.findings().countByState().get(FindingState.PATCH_PLANNED)).isZero();

    // Created: a Patch and a Plan, and the findings move to patch-planned with a history line naming the patch.
    Reply created = json(requester, "POST", "/proposals/" + PROD, Map.of("planTemplate", "web-template"));
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    Map<String, Object> c = created.map();
    assertThat(c).containsEntry("patch", PROD).containsEntry("plan", PROD).containsEntry("selector", "env=production,role=web")
        .containsEntry("uncoveredAssets", List.of()).containsEntry("otherAssets", List.of()).containsEntry("skipped", List.of());
    assertThat((List<?>) c.get("planned")).hasSize(3);
    Patch patch = store.documents().find(DocumentKind.PATCH, PROD).orElseThrow().as(Patch.class);
    assertThat(patch.version()).isEqualTo("3.0.15-1~deb12u1");
    assertThat(patch.cves()).containsExactly("CVE-2099-1001", "CVE-2099-1002");
    assertThat(patch.priority().name().toLowerCase()).isEqualTo(priority);
    assertThat(patch.kind().name()).isEqualTo("SECURITY");
    assertThat(patch.title()).contains("openssl").contains("3.0.15-1~deb12u1").contains("production");
    Plan plan = store.documents().find(DocumentKind.PLAN, PROD).orElseThrow().as(Plan.class);
    assertThat(plan.targets().expression()).isEqualTo("env=production,role=web");
    assertThat(plan.executor().apply()).containsExactly("echo", "on", "{{patch.version}}");
    assertThat(json(viewer, "GET", "/patches/" + PROD, null).status()).isEqualTo(200);

    List<Map<String, Object>> planned = json(viewer, "GET", "/findings?state=patch-planned", null).list();
    assertThat(planned).extracting(f -> f.get("asset") + "/" + f.get("advisory"))
        .containsExactlyInAnyOrder("web-1/DSA-A", "web-1/DSA-B", "web-2/DSA-B");
    Reply detail = json(viewer, "GET", "/findings/web-1/DSA-A/openssl", null);
    @SuppressWarnings("unchecked") List<Map<String, Object>> history = (List<Map<String, Object>>) detail.map().get("history");
    assertThat(history).extracting(h -> h.get("to")).containsExactly("open", "patch-planned");
    assertThat((String) history.get(1).get("note")).contains("patch " + PROD).contains("plan " + PROD);
    assertThat((String) history.get(1).get("actor")).startsWith("req-");
    // Staging is untouched; the production proposal is gone (its findings are planned) and cannot be created twice.
    assertThat(json(viewer, "GET", "/findings?state=open&asset=stg-1", null).list()).hasSize(2);
    assertThat(json(viewer, "GET", "/proposals", null).list()).extracting(p -> p.get("id"))
        .containsExactlyInAnyOrder("openssl-3.0.15-1-deb12u1-staging", "curl-7.88.1-10-deb12u8-production");
    assertThat(json(requester, "POST", "/proposals/" + PROD, Map.of("planTemplate", "web-template")).status()).isEqualTo(404);

    // One asset: targeted by name; the template's role=web term excludes it, and the answer says so.
    Reply curl = json(ops, "POST", "/proposals/curl-7.88.1-10-deb12u8-production",
        Map.of("planTemplate", "web-template", "planName", "curl-plan", "patchName", "curl-patch"));
    assertThat(curl.status()).as(curl.raw()).isEqualTo(201);
    assertThat(curl.map()).containsEntry("selector", "env=production,name=db-1,role=web")
        .containsEntry("uncoveredAssets", List.of("db-1")).containsEntry("patch", "curl-patch").containsEntry("plan", "curl-plan");
  }
}
