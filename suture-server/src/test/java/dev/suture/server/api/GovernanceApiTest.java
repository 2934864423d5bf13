package dev.suture.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.json.Json;
import dev.suture.core.registry.PatchStatus;
import dev.suture.server.SutureServer;
import dev.suture.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The registry, triage, SLA report and incident endpoints through the whole Spring wiring on a real
 * local HTTP server (H2 in memory). The emergency SLA is configured to 2 h to show the property works.
 */
@SpringBootTest(classes = SutureServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:governance-api;DB_CLOSE_DELAY=-1", "suture.sla.emergency=2h"})
class GovernanceApiTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  @LocalServerPort int port;
  @Autowired Store store;
  @Autowired DocumentParser parser;
  @Autowired DataSource dataSource;
  @Autowired dev.suture.server.security.Accounts accounts;
  /** One user per test class instance would collide in the shared in-memory database: names are unique per test. */
  String ops;
  String bob;

  @org.junit.jupiter.api.BeforeEach void users() {
    String suffix = Long.toString(System.nanoTime(), 36);
    ops = dev.suture.server.TestTokens.of(accounts, "ops-" + suffix);
    bob = dev.suture.server.TestTokens.of(accounts, "bob-" + suffix, Role.APPROVER, Role.VIEWER);
  }

  record Reply(int status, Map<String, Object> body, String raw) {
    @SuppressWarnings("unchecked") List<Map<String, Object>> errors() { return (List<Map<String, Object>>) body.get("errors"); }
    List<Object> errorFields() { return errors().stream().map(e -> e.get("field")).toList(); }
  }

  Reply call(String method, String path, Object body) throws Exception { return call(ops, method, path, body); }

  Reply call(String token, String method, String path, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (body != null) b.header("Content-Type", "application/json");
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    Object parsed = r.body().isBlank() ? Map.of() : Json.read(r.body());
    @SuppressWarnings("unchecked") Map<String, Object> map = parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("list", parsed);
    return new Reply(r.statusCode(), map, r.body());
  }

  void patchDocument(String name) {
    store.documents().apply(parser.parse("p.yaml", "apiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: " + name + "}\n"
        + "spec: {kind: security, priority: emergency, version: '3.0.2', tickets: [SEC-1], cves: [CVE-2026-1]}\n"), "tester");
  }

  @Test void aPatchIsRegisteredProposedWithItsMandatoryFieldsAndReportedAgainstItsSla() throws Exception {
    patchDocument("openssl-3");
    assertThat(call("POST", "/registry", Map.of("patch", "nope")).errorFields()).containsExactly("patch");

    Reply created = call("POST", "/registry", Map.of("patch", "openssl-3"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).containsEntry("status", "draft").containsEntry("priority", "emergency")
        .containsEntry("cves", List.of("CVE-2026-1"));

    Reply bare = call("POST", "/registry/openssl-3/transition", Map.of("to", "proposed"));
    assertThat(bare.status()).isEqualTo(400);
    assertThat(bare.errorFields()).containsExactly("justification", "affectedVersions", "regressionRisk.level");
    assertThat(call("POST", "/registry/openssl-3/transition", Map.of("to", "shipped")).errorFields()).containsExactly("to");

    Reply proposed = call("POST", "/registry/openssl-3/transition", Map.of("to", "proposed", "justification", "remote key leak",
        "affectedVersions", List.of("3.0.1"), "regressionRisk", Map.of("level", "medium", "notes", "TLS code"), "version", 1));
    assertThat(proposed.status()).isEqualTo(200);
    @SuppressWarnings("unchecked") Map<String, Object> sla = (Map<String, Object>) proposed.body().get("sla");
    @SuppressWarnings("unchecked") List<Map<String, Object>> timeline = (List<Map<String, Object>>) proposed.body().get("timeline");
    assertThat(Duration.between(Instant.parse((String) timeline.get(1).get("at")), Instant.parse((String) sla.get("due"))))
        .isEqualTo(Duration.ofHours(2));
    assertThat(sla.get("status")).isEqualTo("open");

    // The proposer approving is refused (separation of duties); someone else with the approver role may.
    assertThat(call("POST", "/registry/openssl-3/transition", Map.of("to", "approved")).status()).isEqualTo(409);
    assertThat(call("POST", "/registry/openssl-3/transition", Map.of("to", "deployed")).status()).isEqualTo(409);
    assertThat(call(bob, "POST", "/registry/openssl-3/transition", Map.of("to", "deployed")).status()).as("bob is no operator").isEqualTo(403);
    Reply approved = call(bob, "POST", "/registry/openssl-3/transition", Map.of("to", "approved"));
    assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    assertThat(approved.body()).containsEntry("status", "approved");
    assertThat(call("POST", "/registry/openssl-3/transition", Map.of("to", "cancelled")).errorFields()).containsExactly("note");

    Reply list = call("GET", "/registry?status=approved", null);
    assertThat(list.body().get("list")).asList().hasSize(1);
    Reply report = call("GET", "/reports/sla", null);
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.body()).containsEntry("breaches", 0L);
    @SuppressWarnings("unchecked") var totals = (Map<String, Map<String, Object>>) report.body().get("totals");
    assertThat(totals.get("emergency")).containsEntry("records", 1L).containsEntry("open", 1L).containsEntry("breached", 0L);
    assertThat(report.body().get("records").toString()).contains("patch=openssl-3", "sla=open");
    assertThat(call("GET", "/audit?limit=10000", null).raw()).contains("registry.created").contains("registry.transition");
  }

  @Test void triageExplainsItsSuggestionAndNamesBadFields() throws Exception {
    Reply r = call("POST", "/triage", Map.of("exploitability", 3, "dataExposure", 2, "affectedUsers", 3, "assetCriticality", "high"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).containsEntry("score", 77L).containsEntry("suggested", "EMERGENCY");
    assertThat(r.body().get("breakdown")).asList().hasSize(4);
    assertThat(call("POST", "/triage", Map.of("exploitability", 3, "affectedUsers", 3, "assetCriticality", 1)).errorFields())
        .containsExactly("dataExposure");
    assertThat(call("POST", "/triage", Map.of("exploitability", 9, "dataExposure", 0, "affectedUsers", 7, "assetCriticality", 0))
        .errorFields()).containsExactly("exploitability", "affectedUsers");
  }

  @Test void anIncidentClosesOnlyOnceResolvedWithACompletePostmortem() throws Exception {
    try (var c = dataSource.getConnection(); var s = c.createStatement()) {
      s.executeUpdate("INSERT INTO incidents (id, rollout_id, priority, title, state, created_at, timeline) "
          + "VALUES ('INC-T1', 'r-t1', 'P1', 'canary failed', 'OPEN', TIMESTAMP '2026-11-22 10:00:00', '[]')");
    }
    assertThat(call("GET", "/incidents/INC-T1", null).body()).containsEntry("state", "open").containsEntry("closable", false);
    assertThat(call("GET", "/incidents/INC-NONE", null).status()).isEqualTo(404);
    assertThat(call("POST", "/incidents/INC-T1/close", Map.of()).status()).isEqualTo(409);
    assertThat(call("POST", "/incidents/INC-T1/state", Map.of("to", "mitigated", "note", "rolled back")).status()).isEqualTo(200);
    assertThat(call("POST", "/incidents/INC-T1/state", Map.of("to", "resolved")).status()).isEqualTo(200);
    Reply noPm = call("POST", "/incidents/INC-T1/close", Map.of());
    assertThat(noPm.status()).isEqualTo(409);
    assertThat(noPm.errorFields()).containsExactly("postmortem");

    Map<String, Object> item = new java.util.HashMap<>(Map.of("description", "reload config in precheck"));
    Map<String, Object> pm = new java.util.HashMap<>(Map.of("rootCause", "stale config", "complete", true,
        "timeline", List.of(Map.of("at", "2026-11-22T10:00:00Z", "description", "canary failed")), "actionItems", List.of(item)));
    assertThat(call("PUT", "/incidents/INC-T1/postmortem", pm).errorFields()).containsExactly("actionItems[0].owner", "actionItems[0].due");
    item.put("owner", "dave");
    item.put("due", "2026-12-15");
    pm.put("actionItems", List.of(item));
    Reply saved = call("PUT", "/incidents/INC-T1/postmortem", pm);
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.body()).containsEntry("closable", true);

    Reply closed = call("POST", "/incidents/INC-T1/close", Map.of("note", "reviewed"));
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.body()).containsEntry("state", "closed");
    assertThat(closed.body().get("history").toString()).contains("incident.state", "postmortem.saved", "incident.closed");
    assertThat(call("GET", "/incidents", null).raw()).contains("\"state\":\"CLOSED\"");
  }

  @Test void onlyTheRolesNamedForATargetStateMayMoveARecordThere() {
    Actor requester = new Actor("ann", Set.of(Role.REQUESTER));
    RegistryController.requireRole(requester, PatchStatus.PROPOSED);
    RegistryController.requireRole(requester, PatchStatus.CANCELLED);
    assertThatThrownBy(() -> RegistryController.requireRole(requester, PatchStatus.APPROVED)).isInstanceOf(RoleRequiredException.class)
        .hasMessageContaining("needs one of the roles approver");
    assertThatThrownBy(() -> RegistryController.requireRole(new Actor("bob", Set.of(Role.APPROVER)), PatchStatus.DEPLOYED))
        .isInstanceOf(RoleRequiredException.class).hasMessageContaining("operator");
  }
}
