package dev.suture.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.cli.Main;
import dev.suture.cli.e2e.Cli;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's side of authentication against a real server: admin creates a user, the user logs in, roles are enforced. */
class AuthCliIT {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  @Test void adminCreatesAUserWhoLogsInAndIsHeldToTheirRole() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = tmp.resolve("data");
    try (ChildProcesses children = new ChildProcesses(Duration.ofSeconds(15))) {
      DemoServer server = DemoServer.start(children, Path.of(System.getProperty("java.home"), "bin", "java"),
          List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), Path.of(Cli.jar("suture.server.jar")), data, port, tmp.resolve("server.log"));
      server.awaitUp(Duration.ofSeconds(90), new PrintWriter(java.io.OutputStream.nullOutputStream()));
      Path adminToken = data.resolve("initial-admin-token");
      assertThat(Files.getPosixFilePermissions(adminToken)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.readString(tmp.resolve("server.log"))).contains("wrote its API token to " + adminToken)
          .doesNotContain(Files.readString(adminToken).strip());

      Map<String, String> anonymous = Map.of("SUTURE_SERVER", "http://127.0.0.1:" + port, "SUTURE_TOKEN_FILE", tmp.resolve("none").toString());
      Run refused = run("", anonymous, "get", "assets");
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("authentication required").contains("SUTURE_TOKEN");

      Map<String, String> admin = new HashMap<>(anonymous);
      admin.put("SUTURE_TOKEN", Files.readString(adminToken).strip());
      Run added = run("alice-password-123\n", admin, "users", "add", "alice", "--role", "requester,viewer", "--password-stdin");
      assertThat(added.exit()).as(added.err()).isZero();
      assertThat(added.out()).contains("user alice created with roles [\"viewer\",\"requester\"]");

      Map<String, String> alice = Map.of("SUTURE_SERVER", "http://127.0.0.1:" + port, "SUTURE_TOKEN_FILE", tmp.resolve("alice.token").toString());
      Run wrong = run("not-her-password\n", alice, "login", "-u", "alice", "--password-stdin");
      assertThat(wrong.exit()).isEqualTo(1);
      assertThat(wrong.err()).contains("invalid, expired or revoked credentials");
      Run login = run("alice-password-123\n", alice, "login", "-u", "alice", "--password-stdin");
      assertThat(login.exit()).as(login.err()).isZero();
      assertThat(login.out()).contains("as alice; token stored in " + tmp.resolve("alice.token"));
      assertThat(Files.getPosixFilePermissions(tmp.resolve("alice.token"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));

      assertThat(run("", alice, "get", "assets").exit()).isZero();
      Run notAdmin = run("", alice, "users", "list");
      assertThat(notAdmin.exit()).isEqualTo(1);
      assertThat(notAdmin.err()).contains("forbidden: requires one of the roles [admin]; alice has [viewer, requester]");

      Run listed = run("", admin, "users", "list");
      assertThat(listed.out()).contains("alice").contains("viewer,requester").contains("admin");
      String audit = run("", admin, "audit", "export", "-f", tmp.resolve("audit.jsonl").toString()).out();
      assertThat(Files.readString(tmp.resolve("audit.jsonl"))).contains("\"actor\":\"admin\"").contains("user.created")
          .contains("token.created").doesNotContain("alice-password-123");
      assertThat(audit).doesNotContain("alice-password-123");
    }
  }

  private static Run run(String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return new Run(exit, out.toString(), err.toString());
  }
}
