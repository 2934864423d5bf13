package dev.suture.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `suture apply`, `suture audit verify` and `suture audit export` against the real server; then an
 * auditor edits one row in the database and `suture audit verify` fails naming that event.
 */
class AuditVerifyIT {
  @TempDir Path tmp;

  @Test void verifyPassesOnAnIntactChainAndNamesTheTamperedEvent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = tmp.resolve("data");
    Map<String, String> env = Map.of("SUTURE_SERVER", "http://127.0.0.1:" + port);
    Path docs = tmp.resolve("fleet.yaml");
    Files.writeString(docs, """
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-01}
        spec: {environment: staging}
        ---
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-02}
        spec: {environment: staging}
        """);
    Process server = startServer(data, port);
    try {
      Cli.Result applied = Cli.run(env, 60, "apply", "-f", docs.toString());
      assertThat(applied.exit()).as(applied.err()).isZero();
      assertThat(applied.out()).contains("asset/web-01 created").contains("asset/web-02 created");
      Cli.Result ok = Cli.run(env, 60, "audit", "verify");
      assertThat(ok.exit()).as(ok.err()).isZero();
      assertThat(ok.out()).contains("intact").contains("2 events");
      Path export = tmp.resolve("audit.jsonl");
      assertThat(Cli.run(env, 60, "audit", "export", "-f", export.toString()).exit()).isZero();
      assertThat(Files.readAllLines(export)).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"hash\""));
    } finally {
      stop(server);
    }
    // The auditor's view: someone edited the first event's actor directly in the database.
    String url = "jdbc:h2:file:" + data.resolve("suture");
    Class.forName("org.h2.Driver");
    try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
      assertThat(st.executeUpdate("UPDATE audit_events SET actor = 'mallory' WHERE sequence = 1")).isEqualTo(1);
    }
    server = startServer(data, port);
    try {
      Cli.Result broken = Cli.run(env, 60, "audit", "verify");
      assertThat(broken.exit()).isNotZero();
      assertThat(broken.err()).contains("broken at event 1").contains("hash mismatch");
    } finally {
      stop(server);
    }
  }

  private static Process startServer(Path data, int port) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-XX:TieredStopAtLevel=1", "-jar", Cli.jar("suture.server.jar"), "--data", data.toString(), "--port", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(data.getParent().resolve("server.log").toFile()))
        .start();
    HttpClient http = HttpClient.newHttpClient();
    long end = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < end) {
      if (!p.isAlive()) throw new IllegalStateException("server exited " + p.exitValue());
      try {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return p;
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("server not healthy in 90 s");
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
  }

}
