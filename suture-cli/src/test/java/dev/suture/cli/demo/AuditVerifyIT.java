package dev.suture.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import dev.suture.cli.e2e.Cli;
import java.util.List;
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
    Map<String, String> env;
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
    ChildProcesses server = startServer(data, port);
    env = Map.of("SUTURE_SERVER", "http://127.0.0.1:" + port, "SUTURE_TOKEN", Files.readString(data.resolve("initial-admin-token")).strip());
    try {
      Cli.Result applied = Cli.run(env, 60, "apply", "-f", docs.toString());
      assertThat(applied.exit()).as(applied.err()).isZero();
      assertThat(applied.out()).contains("asset/web-01 created").contains("asset/web-02 created");
      Cli.Result ok = Cli.run(env, 60, "audit", "verify");
      assertThat(ok.exit()).as(ok.err()).isZero();
      // the first start's user.created + token.created for admin, then the two assets
      assertThat(ok.out()).contains("intact").contains("4 events");
      Path export = tmp.resolve("audit.jsonl");
      assertThat(Cli.run(env, 60, "audit", "export", "-f", export.toString()).exit()).isZero();
      assertThat(Files.readAllLines(export)).hasSize(4).allSatisfy(l -> assertThat(l).contains("\"hash\""));
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

  /** The demo's own launcher: same start-up and health wait as `suture demo`. */
  private static ChildProcesses startServer(Path data, int port) throws IOException, InterruptedException {
    ChildProcesses children = new ChildProcesses(java.time.Duration.ofSeconds(15));
    DemoServer server = DemoServer.start(children, Path.of(System.getProperty("java.home"), "bin", "java"),
        List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), Path.of(Cli.jar("suture.server.jar")), data, port,
        data.getParent().resolve("server.log"));
    server.awaitUp(java.time.Duration.ofSeconds(90), new java.io.PrintWriter(java.io.OutputStream.nullOutputStream()));
    return children;
  }

  private static void stop(ChildProcesses server) { server.close(); }

}
