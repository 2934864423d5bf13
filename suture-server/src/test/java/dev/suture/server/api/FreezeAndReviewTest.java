package dev.suture.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.auth.Role;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.json.Json;
import dev.suture.core.testing.ManualClock;
import dev.suture.server.SutureServer;
import dev.suture.server.TestTokens;
import dev.suture.server.security.Accounts;
import dev.suture.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Issue 4 acceptance on a manual clock, through the whole server: a Freeze document blocks a normal
 * change request while an emergency one passes only with a written override; the emergency's
 * post-hoc review turns overdue exactly at approval + 48 h, is flagged once in the audit trail,
 * and shows up in the SLA report.
 */
@SpringBootTest(classes = {SutureServer.class, FreezeAndReviewTest.Clocks.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:freeze-review;DB_CLOSE_DELAY=-1", "suture.change.review-sweep=100ms"})
class FreezeAndReviewTest {
  static final ManualClock CLOCK = ManualClock.startingAt("2026-12-21T09:00:00Z");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TestConfiguration static class Clocks {
    @Bean @Primary Clock manualClock() { return CLOCK; }
  }

  @LocalServerPort int port;
  @Autowired Accounts accounts;
  @Autowired Store store;
  @Autowired DocumentParser parser;
  String alice;
  String bob;

  record Reply(int status, Map<String, Object> body, String raw) {}

  @BeforeEach void setUp() {
    alice = TestTokens.of(accounts, "alice", Role.REQUESTER, Role.VIEWER);
    bob = TestTokens.of(accounts, "bob", Role.APPROVER, Role.VIEWER);
    String ops = TestTokens.of(accounts, "ops", Role.OPERATOR, Role.AUDITOR);
    store.documents().apply(parser.parse("docs.yaml", """
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-1}
        spec: {environment: production}
        ---
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: openssl-3.0.13}
        spec: {kind: security, priority: high, version: 3.0.13}
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: prod}
        spec:
          targets: {selector: "env=production"}
          executor: {type: command, apply: ["true"], version: ["echo", "3.0.13"]}
          stages:
            - wave: {percent: 100}
        ---
        apiVersion: suture.dev/v1
        kind: Freeze
        metadata: {name: holiday-peak}
        spec:
          from: 2026-12-20T00:00:00Z
          to: 2027-01-03T00:00:00Z
          environments: [production]
          reason: holiday trading peak
        """), "ops");
    this.ops = ops;
  }

  String ops;

  @Test void aFreezeBlocksANormalChangeAndAnEmergencyOnlyPassesWithAWrittenOverride() throws Exception {
    String normal = id(call(alice, "POST", "/change-requests", Map.of("type", "normal", "patch", "openssl-3.0.13", "plan", "prod",
        "title", "routine openssl")));
    Reply blocked = call(bob, "POST", "/change-requests/" + normal + "/approve", Map.of());
    assertThat(blocked.status()).as(blocked.raw()).isEqualTo(409);
    assertThat(blocked.raw()).contains("holiday-peak: holiday trading peak");

    var emergency = Map.of("type", "emergency", "patch", "openssl-3.0.13", "plan", "prod", "title", "actively exploited",
        "justification", "CVE exploited in the wild");
    String noOverride = id(call(alice, "POST", "/change-requests", emergency));
    Reply refused = call(bob, "POST", "/change-requests/" + noOverride + "/approve", Map.of());
    assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
    assertThat(refused.raw()).contains("holiday-peak");

    var withOverride = new java.util.HashMap<String, Object>(emergency);
    withOverride.put("freezeOverride", "exploit in the wild outweighs the peak-season risk; CTO informed");
    String overridden = id(call(alice, "POST", "/change-requests", withOverride));
    Reply approved = call(bob, "POST", "/change-requests/" + overridden + "/approve", Map.of());
    assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    assertThat(approved.body()).containsEntry("state", "APPROVED");
    assertThat(call(ops, "GET", "/audit?limit=10000", null).raw()).contains("cr.freeze_overridden");
  }

  @Test void theEmergencyReviewIsOverdueOnScheduleAndInTheSlaReport() throws Exception {
    CLOCK.advance(Duration.ofDays(30)); // past the freeze: this test is about the review only
    String id = id(call(alice, "POST", "/change-requests", Map.of("type", "emergency", "patch", "openssl-3.0.13", "plan", "prod",
        "title", "hotfix", "justification", "outage")));
    Reply approved = call(bob, "POST", "/change-requests/" + id + "/approve", Map.of());
    assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    int before = overdueObligations(); // other tests' change requests share this database

    CLOCK.advance(Duration.ofHours(48).minusSeconds(1));
    Thread.sleep(400); // three sweeps (every 100 ms) at 47:59:59: nothing is overdue yet
    assertThat(obligation(id)).containsEntry("status", "open");
    assertThat(overdueEvents(id)).isZero();

    CLOCK.advance(Duration.ofSeconds(1));
    assertThat(obligation(id)).containsEntry("status", "breached");
    assertThat(overdueObligations()).isEqualTo(before + 1);
    long end = System.currentTimeMillis() + 10_000;
    while (overdueEvents(id) == 0 && System.currentTimeMillis() < end) Thread.sleep(50);
    Thread.sleep(300); // more sweeps: the overdue event is emitted once
    assertThat(overdueEvents(id)).as("cr.review_overdue exactly once").isEqualTo(1);

    assertThat(call(bob, "POST", "/change-requests/" + id + "/review", Map.of("notes", "root cause fixed")).status()).isEqualTo(200);
    assertThat(overdueObligations()).isEqualTo(before);
    assertThat(obligation(id)).containsEntry("status", "breached").containsKey("doneAt"); // done, but late
  }

  int overdueObligations() throws Exception {
    return ((Number) call(ops, "GET", "/reports/sla", null).body().get("overdueObligations")).intValue();
  }

  @SuppressWarnings("unchecked")
  long overdueEvents(String id) throws Exception {
    var events = (List<Map<String, Object>>) Json.read(call(ops, "GET", "/audit?limit=10000", null).raw());
    return events.stream().filter(e -> "cr.review_overdue".equals(e.get("action")) && String.valueOf(e.get("subject")).endsWith("/" + id)).count();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> obligation(String id) throws Exception {
    var obligations = (List<Map<String, Object>>) call(ops, "GET", "/reports/sla", null).body().get("obligations");
    return obligations.stream().filter(o -> ("change-request/" + id).equals(o.get("subject"))).findFirst().orElseThrow();
  }

  static String id(Reply r) {
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return (String) r.body().get("id");
  }

  Reply call(String token, String method, String path, Object body) throws Exception {
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (body != null) b.header("Content-Type", "application/json");
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    Object parsed = r.body().isBlank() ? Map.of() : Json.read(r.body());
    @SuppressWarnings("unchecked") Map<String, Object> map = parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("list", parsed);
    return new Reply(r.statusCode(), map, r.body());
  }
}
