package dev.suture.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.auth.Role;
import dev.suture.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role x endpoint matrix of docs/security.md, cell by cell, against a real server: one user
 * per role (holding only that role), every documented operation called with each user's token
 * and with none. Also checks that the table and the server's OpenAPI list the same operations,
 * so an endpoint cannot be added without deciding (and documenting) who may call it.
 */
class AccessMatrixIT {
  @TempDir static Path tmp;
  static ServerProcess server;
  static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

  record Row(String method, String path, Map<Role, String> cells, int line) {
    String callPath() { return path.replaceAll("\\{[^}]+}", "x"); }
  }

  @BeforeAll static void start() throws Exception {
    server = new ServerProcess(tmp.resolve("data"), tmp.resolve("server.log"), List.of()).start();
    for (Role r : Role.values()) {
      String name = "only-" + r.wireName();
      var created = server.post("/api/v1/users", "application/json",
          "{\"name\":\"" + name + "\",\"roles\":[\"" + r.wireName() + "\"]}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      var issued = server.post("/api/v1/users/" + name + "/tokens", "application/json", "{\"label\":\"matrix\"}");
      assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
      TOKENS.put(r, (String) Json.readObject(issued.body()).get("token"));
    }
  }

  @AfterAll static void stop() throws Exception {
    if (server != null) server.close();
  }

  static List<Row> matrix() throws Exception {
    List<Row> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(Path.of("..", "docs", "security.md"));
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!l.matches("\\| (GET|POST|PUT|PATCH|DELETE) \\|.*")) continue;
      String[] c = l.split("\\|");
      assertThat(c).as("docs/security.md line %d has a cell per role", i + 1).hasSize(3 + Role.values().length);
      Map<Role, String> cells = new EnumMap<>(Role.class);
      for (Role r : Role.values()) cells.put(r, c[3 + r.ordinal()].trim());
      rows.add(new Row(c[1].trim(), c[2].trim(), cells, i + 1));
    }
    assertThat(rows).as("rows in docs/security.md").hasSizeGreaterThan(10);
    return rows;
  }

  @Test void everyCellOfTheMatrixHolds() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Row row : matrix()) {
      boolean isPublic = row.cells().values().stream().allMatch("public"::equals);
      int anon = call(row, null);
      if (isPublic ? anon == 401 || anon == 403 : anon != 401)
        failures.add(row.method() + " " + row.path() + " without credentials answered " + anon + " (line " + row.line() + ")");
      for (Role r : Role.values()) {
        String cell = row.cells().get(r);
        int status = call(row, TOKENS.get(r));
        checked++;
        boolean allowed = cell.equals("✓") || cell.equals("public");
        if (!allowed && !cell.equals("—")) failures.add("line " + row.line() + ": unknown cell '" + cell + "'");
        else if (allowed && (status == 401 || status == 403) || !allowed && status != 403)
          failures.add(row.method() + " " + row.path() + " as " + r.wireName() + ": expected " + (allowed ? "allowed" : "403")
              + ", got " + status + " (docs/security.md line " + row.line() + ")");
      }
    }
    assertThat(failures).as("cells that do not hold").isEmpty();
    assertThat(checked).isGreaterThanOrEqualTo(matrix().size() * Role.values().length);
  }

  @Test void theMatrixListsExactlyTheOperationsTheServerHas() throws Exception {
    Set<String> documented = new TreeSet<>();
    for (Row row : matrix()) if (row.path().startsWith("/api/")) documented.add(row.method() + " " + row.path());
    Set<String> served = new TreeSet<>();
    @SuppressWarnings("unchecked") var paths = (Map<String, Map<String, Object>>) Json.readObject(server.get("/v3/api-docs").body()).get("paths");
    for (var p : paths.entrySet()) for (String m : p.getValue().keySet()) served.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
    assertThat(documented).as("operations in docs/security.md vs the server's OpenAPI").isEqualTo(served);
  }

  @Test void aRefusalNamesTheRolesThatWouldBeAllowed() throws Exception {
    var r = server.send("GET", "/api/v1/users", TOKENS.get(Role.VIEWER), null, null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("requires one of the roles [admin]").contains("only-viewer has [viewer]");
    var anon = server.send("GET", "/api/v1/assets", null, null, null);
    assertThat(anon.statusCode()).isEqualTo(401);
    assertThat(anon.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"suture\"");
    var bad = server.send("GET", "/api/v1/assets", "sut_not-a-real-token", null, null);
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body()).contains("invalid, expired or revoked credentials");
  }

  private static int call(Row row, String token) throws Exception {
    String body = row.method().equals("GET") || row.method().equals("DELETE") ? null : row.path().endsWith("/documents") ? "" : "{}";
    String type = body == null ? null : row.path().endsWith("/documents") ? "application/yaml" : "application/json";
    return server.send(row.method(), row.callPath(), token, type, body).statusCode();
  }

}
