package dev.suture.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.cli.e2e.Cli;
import dev.suture.ssh.testing.Sshd;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server, the real CLI and a real sshd: credentials are added with `suture credentials
 * add`, a plan refers to them by name, a rollout patches hosts over SSH (one with a hostile label,
 * one unreachable, one whose login is refused). Then every log line, API response, audit record
 * and error message that run produced is searched for the secrets: none may appear.
 */
class SshSecretsIT {
  private static final String PASSWORD = "Hunter2-S3cr3t-Passw0rd!";
  private static final String HOSTILE = "$(touch /tmp/suture-pwned) `id` ; rm -rf / 'q' \"dq\"";

  @TempDir Path tmp;

  @Test
  void secretsNeverLeaveTheCredentialStore() throws Exception {
    Sshd.assumeAvailable();
    Files.deleteIfExists(Path.of("/tmp/suture-pwned"));
    try (Sshd sshd = Sshd.start(Files.createTempDirectory("suture-secrets-sshd"))) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path data = tmp.resolve("data");
      Files.createDirectories(data);
      List<String> addrs = List.of(Sshd.address(0), Sshd.address(1), Sshd.address(2));
      // The server's default known_hosts is the one in its data dir.
      Files.copy(sshd.knownHosts(addrs), data.resolve("known_hosts"));
      for (String a : addrs) sshd.seedHost(a, "openssl", "3.0.11", Map.of("etc/app.conf", "x=1\n"));
      String key = Files.readString(sshd.ed25519Key());
      Path pw = tmp.resolve("pw");
      Files.writeString(pw, PASSWORD);
      Map<String, String> local = Map.of("SUTURE_SERVER", "http://127.0.0.1:" + port);
      Map<String, String> env = local;
      List<String> seen = new ArrayList<>();
      seen.add(check(Cli.run(env, 60, "credentials", "add", "prod-ssh", "--type", "ssh-key", "--from-file",
          sshd.ed25519Key().toString(), "--data", data.toString())));
      seen.add(check(Cli.run(env, 60, "credentials", "add", "old-password", "--type", "password", "--from-file", pw.toString(),
          "--data", data.toString())));
      seen.add(check(Cli.run(env, 60, "credentials", "list", "--data", data.toString())));

      Path docs = tmp.resolve("docs.yaml");
      Files.writeString(docs, documents(sshd, addrs));
      ChildProcesses server = start(data, port);
      String token = Files.readString(data.resolve("initial-admin-token")).strip();
      env = Map.of("SUTURE_SERVER", "http://127.0.0.1:" + port, "SUTURE_TOKEN", token);
      bearer = token;
      try {
        seen.add(check(Cli.run(env, 60, "apply", "-f", docs.toString())));
        String id = check(Cli.run(env, 60, "rollout", "start", "--plan", "sop", "--patch", "openssl-3.0.13")).strip();
        String byPassword = check(Cli.run(env, 60, "rollout", "start", "--plan", "sop-password", "--patch", "openssl-3.0.13")).strip();
        Cli.Result watch = Cli.run(env, 180, "rollout", "watch", id);
        seen.add(watch.out() + watch.err());
        Cli.Result watch2 = Cli.run(env, 180, "rollout", "watch", byPassword);
        seen.add(watch2.out() + watch2.err());
        HttpClient http = HttpClient.newHttpClient();
        String rollout = get(http, port, "/api/v1/rollouts/" + id);
        String refused = get(http, port, "/api/v1/rollouts/" + byPassword);
        String credentials = get(http, port, "/api/v1/credentials");
        seen.addAll(List.of(rollout, refused, credentials));
        for (String path : List.of("/api/v1/rollouts", "/api/v1/audit?limit=1000", "/api/v1/plans/sop", "/api/v1/plans/sop-password",
            "/api/v1/incidents", "/api/v1/credentials/prod-ssh"))
          seen.add(get(http, port, path));
        Path export = tmp.resolve("audit.jsonl");
        seen.add(check(Cli.run(env, 60, "audit", "export", "-f", export.toString())));
        seen.add(Files.readString(export));
        assertThat(rollout).as("the rollout view").contains("HEALTHY").contains("cannot connect");
        assertThat(refused).as("the password rollout").contains("authentication as 'suture-test' with credential 'old-password' failed");
        assertThat(credentials).as("credentials API").contains("prod-ssh").contains("SHA256:").contains("old-password");
      } finally {
        server.close();
      }
      seen.add(Files.readString(data.getParent().resolve("server.log")));
      for (String a : addrs) assertThat(sshd.installedVersion(a, "openssl")).isEqualTo("3.0.13");
      assertThat(Path.of("/tmp/suture-pwned")).as("a hostile label must not be executed").doesNotExist();

      String everything = String.join("\n", seen);
      assertThat(everything).as("sanity: the run produced output to search").contains("rollout").contains("prod-ssh");
      assertThat(everything).doesNotContain(PASSWORD);
      assertThat(everything).as("the API token").doesNotContain(token).doesNotContain(token.substring(4, 20));
      for (String line : key.lines().filter(l -> !l.startsWith("-----") && l.length() > 16).toList())
        assertThat(everything).as("private key material").doesNotContain(line).doesNotContain(line.substring(0, 16));
      assertThat(Files.readString(data.resolve("credentials.json"))).doesNotContain(PASSWORD).doesNotContain(
          key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow());
    }
  }

  /**
   * Three reachable hosts whose label holds shell syntax (a check compares it literally on the
   * remote side) and one unreachable; plan sop logs in with the key, plan sop-password with a
   * password the server refuses.
   */
  private static String documents(Sshd sshd, List<String> addrs) {
    String pkg = sshd.fakepkg().toString();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < addrs.size(); i++)
      sb.append("---\napiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: host-").append(i)
          .append(", labels: {role: web, note: '").append(HOSTILE.replace("'", "''")).append("'}}\n")
          .append("spec: {environment: staging, address: '").append(addrs.get(i)).append("'}\n");
    sb.append("---\napiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: host-gone, labels: {role: web, note: x}}\n")
        .append("spec: {environment: staging, address: '").append(Sshd.address(3)).append(":1'}\n");
    sb.append("---\napiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: openssl-3.0.13}\n")
        .append("spec: {kind: security, priority: high, version: '3.0.13'}\n");
    sb.append("""
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: sop}
        spec:
          targets: {selector: "role=web"}
          executor:
            type: ssh
            apply: [PKG, install, openssl, "{{patch.version}}"]
            version: [PKG, version, openssl]
            timeout: 10s
            options: {user: USER, port: "PORT", credentials: prod-ssh, connectTimeout: 5s}
          checks:
            - {name: literal-label, command: {argv: [sh, -c, 'test "$1" = "$2"', sh, "{{target.labels.note}}", "NOTE"]}}
          stages:
            - canary: {count: 1}
            - wave: {percent: 100, maxErrors: 2}
          onFailure: {rollback: manual, incident: P3}
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: sop-password}
        spec:
          targets: {selector: "role=web"}
          executor:
            type: ssh
            apply: [PKG, install, openssl, "{{patch.version}}"]
            timeout: 10s
            options: {user: USER, port: "PORT", credentials: old-password, connectTimeout: 5s}
          stages:
            - canary: {count: 1}
            - wave: {percent: 100}
          onFailure: {rollback: manual, incident: P3}
        """.replace("PKG", pkg).replace("USER", sshd.user()).replace("PORT", String.valueOf(sshd.port()))
        .replace("NOTE", HOSTILE.replace("\\", "\\\\").replace("\"", "\\\"")));
    return sb.toString();
  }

  private static String bearer;

  private static String get(HttpClient http, int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + bearer).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String check(Cli.Result r) {
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    return r.out() + r.err();
  }

  private static ChildProcesses start(Path data, int port) throws IOException, InterruptedException {
    ChildProcesses children = new ChildProcesses(Duration.ofSeconds(15));
    DemoServer server = DemoServer.start(children, Path.of(System.getProperty("java.home"), "bin", "java"),
        List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), Path.of(Cli.jar("suture.server.jar")), data, port,
        data.getParent().resolve("server.log"));
    server.awaitUp(Duration.ofSeconds(90), new java.io.PrintWriter(java.io.OutputStream.nullOutputStream()));
    return children;
  }
}
