package dev.suture.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API of the packaged server: validation, problem details, OpenAPI, audit verification. */
class ApiIT {
  @TempDir static Path tmp;
  static ServerProcess server;

  static final String VALID = """
      apiVersion: suture.dev/v1
      kind: Asset
      metadata: {name: web-01}
      spec: {environment: staging}
      """;

  @BeforeAll static void start() throws Exception {
    server = new ServerProcess(tmp.resolve("data"), tmp.resolve("server.log"), List.of()).start();
  }

  @AfterAll static void stop() throws Exception {
    if (server != null) server.close();
  }

  @Test void invalidPlanIsRejectedWithLineAndFieldAndNothingIsStored() throws Exception {
    String input = VALID + """
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: broken}
        spec:
          targets: {selector: "env=staging"}
          executor: {type: command, apply: ["true"]}
          stages:
            - wave: {percent: 50, maxConcurency: 2}
        """;
    var r = server.post("/api/v1/documents?source=plans.yaml", "application/yaml", input);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    Map<String, Object> problem = Json.readObject(r.body());
    @SuppressWarnings("unchecked") var errors = (List<Map<String, Object>>) problem.get("errors");
    assertThat(errors).anySatisfy(e -> {
      assertThat(e.get("source")).isEqualTo("plans.yaml");
      assertThat(e.get("line")).isEqualTo(13L);
      assertThat(e.get("field")).isEqualTo("spec.stages[0].wave.maxConcurency");
      assertThat((String) e.get("message")).contains("unknown field");
    });
    assertThat(errors).anySatisfy(e -> assertThat((String) e.get("message")).contains("must reach percent: 100"));
    // All or nothing: the valid asset in the same input was not stored either.
    assertThat(server.get("/api/v1/assets/web-01").statusCode()).isEqualTo(404);
    assertThat(server.get("/api/v1/plans/broken").statusCode()).isEqualTo(404);
  }

  @Test void startNamesTheMissingFieldAndUnknownRolloutIs404() throws Exception {
    var r = server.post("/api/v1/rollouts", "application/json", "{\"plan\":\"nope\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("patch");
    r = server.post("/api/v1/rollouts", "application/json", "{\"plan\":\"nope\",\"patch\":\"x\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("no plan named 'nope'");
    assertThat(server.get("/api/v1/rollouts/r-missing").statusCode()).isEqualTo(404);
    assertThat(server.post("/api/v1/rollouts", "application/json", "{not json").statusCode()).isEqualTo(400);
  }

  @Test void publishesOpenApi() throws Exception {
    var r = server.get("/v3/api-docs");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("/api/v1/rollouts").contains("/api/v1/documents").contains("/api/v1/audit/verify");
    assertThat(server.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
  }

  @Test void tamperingWithOneAuditRowIsDetectedAndNamed() throws Exception {
    assertThat(server.post("/api/v1/documents?source=a.yaml", "application/yaml", VALID.replace("web-01", "audit-01")).statusCode())
        .isEqualTo(200);
    assertThat(server.post("/api/v1/documents?source=a.yaml", "application/yaml", VALID.replace("web-01", "audit-02")).statusCode())
        .isEqualTo(200);
    assertThat(server.getJson("/api/v1/audit/verify").get("intact")).isEqualTo(true);
    @SuppressWarnings("unchecked") var events = (List<Object>) Json.read(server.get("/api/v1/audit?limit=1000").body());
    @SuppressWarnings("unchecked") long victim = ((Number) ((Map<String, Object>) events.get(events.size() - 2)).get("sequence")).longValue();
    server.close(); // the embedded H2 file is locked while the server runs
    Path db = Files.list(tmp.resolve("data")).filter(p -> p.toString().endsWith(".mv.db")).findFirst().orElseThrow();
    String url = "jdbc:h2:file:" + db.toString().replace(".mv.db", "");
    try (Connection c = DriverManager.getConnection(url); var st = c.createStatement()) {
      assertThat(st.executeUpdate("UPDATE audit_events SET actor = 'mallory' WHERE sequence = " + victim)).isEqualTo(1);
    }
    server = new ServerProcess(tmp.resolve("data"), tmp.resolve("server.log"), List.of()).start();
    Map<String, Object> v = server.getJson("/api/v1/audit/verify");
    assertThat(v.get("intact")).isEqualTo(false);
    assertThat(((Number) v.get("firstBadSequence")).longValue()).isEqualTo(victim);
    assertThat((String) v.get("reason")).contains("hash mismatch");
  }
}
