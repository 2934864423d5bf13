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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `suture change` against the real packaged server: requester, two approvers, quorum, separation of duties, emergency review. */
class ChangeCliIT {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  private static final String DOCS = """
      apiVersion: suture.dev/v1
      kind: Asset
      metadata: {name: web-stg, labels: {role: web}}
      spec: {environment: staging}
      ---
      apiVersion: suture.dev/v1
      kind: Asset
      metadata: {name: web-prd, labels: {role: web}}
      spec: {environment: production}
      ---
      apiVersion: suture.dev/v1
      kind: Patch
      metadata: {name: app-2.0}
      spec: {kind: security, priority: high, version: "2.0"}
      ---
      apiVersion: suture.dev/v1
      kind: Plan
      metadata: {name: web-all}
      spec:
        targets: {selector: "role=web"}
        executor: {type: command, apply: ["true"], version: ["echo", "2.0"]}
        stages:
          - wave: {percent: 100}
      """;

  private final Map<String, Map<String, String>> envs = new HashMap<>();

  @Test void aNormalChangeNeedsTwoOtherApproversAndAnEmergencyOneWithAReviewDue() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = tmp.resolve("data");
    try (ChildProcesses children = new ChildProcesses(Duration.ofSeconds(15))) {
      DemoServer server = DemoServer.start(children, Path.of(System.getProperty("java.home"), "bin", "java"),
          List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), Path.of(Cli.jar("suture.server.jar")), data, port, tmp.resolve("server.log"));
      server.awaitUp(Duration.ofSeconds(90), new PrintWriter(java.io.OutputStream.nullOutputStream()));
      String url = "http://127.0.0.1:" + port;
      envs.put("admin", Map.of("SUTURE_SERVER", url, "SUTURE_TOKEN_FILE", tmp.resolve("none").toString(),
          "SUTURE_TOKEN", Files.readString(data.resolve("initial-admin-token")).strip()));
      Files.writeString(tmp.resolve("docs.yaml"), DOCS);
      ok("admin", "apply", "-f", tmp.resolve("docs.yaml").toString());
      user("alice", "requester,viewer", url);
      user("bob", "approver,viewer", url);
      user("carol", "approver,viewer", url);
      user("dora", "requester,approver,viewer", url);

      String cr = ok("alice", "change", "submit", "--type", "normal", "--patch", "app-2.0", "--plan", "web-all",
          "--title", "OpenSSL 2.0 everywhere", "--justification", "CVE fix").strip();
      assertThat(cr).isNotBlank().doesNotContain("\n");
      assertThat(ok("bob", "change", "approve", cr, "--comment", "looks fine"))
          .isEqualTo("approved by bob (1 of 2): SUBMITTED\n");
      Run own = run("alice", "change", "approve", cr);
      assertThat(own.exit()).isEqualTo(1);
      assertThat(own.err()).startsWith("forbidden: ").contains("alice has [viewer, requester]");
      assertThat(ok("carol", "change", "approve", cr)).isEqualTo("approved by carol (2 of 2): APPROVED\n");

      String list = ok("bob", "change", "list");
      assertThat(list.lines().findFirst().orElseThrow())
          .matches("ID +TYPE +STATE +PATCH +PLAN +REQUESTER +APPROVALS +CREATED");
      assertThat(list).containsPattern(cr + " +normal +APPROVED +app-2.0 +web-all +alice +2/2 +20\\d\\d-");
      assertThat(ok("bob", "change", "list", "--state", "submitted")).doesNotContain(cr);
      String shown = ok("alice", "change", "show", cr);
      assertThat(shown).contains("Change request " + cr).containsPattern("State: +APPROVED")
          .containsPattern("Requester: +alice").containsPattern("Title: +OpenSSL 2.0 everywhere")
          .containsPattern("Justification: +CVE fix").containsPattern("Environments: +production, staging\n")
          .containsPattern("Quorum: +2 of 2 approvals").containsPattern("\n  bob +20\\S+  looks fine\n")
          .containsPattern("\n  carol +20\\S+\n").containsPattern("Rollout: +-");
      assertThat(ok("alice", "change", "show", cr, "-o", "json")).startsWith("{").contains("\"id\":\"" + cr + "\"");
      Run again = run("bob", "change", "approve", cr);
      assertThat(again.exit()).isEqualTo(1);
      assertThat(again.err()).isEqualTo("cannot approve change request " + cr + ": it is APPROVED, not SUBMITTED\n");

      // Separation of duties holds even for a requester who is also an approver.
      String doras = ok("dora", "change", "submit", "--type", "normal", "--patch", "app-2.0", "--plan", "web-all",
          "--title", "mine", "--env", "staging").strip();
      Run self = run("dora", "change", "approve", doras);
      assertThat(self.exit()).isEqualTo(1);
      assertThat(self.err()).startsWith("forbidden: dora requested change request " + doras + " and cannot approve it (separation of duties");
      Run noReason = run("bob", "change", "reject", doras);
      assertThat(noReason.exit()).isEqualTo(64);
      assertThat(noReason.err()).contains("--reason");
      assertThat(ok("bob", "change", "reject", doras, "--reason", "not this week")).isEqualTo("rejected by bob: REJECTED\n");
      assertThat(ok("alice", "change", "show", doras)).containsPattern("Rejected: +by bob at 20\\S+: not this week");
      Run cancelRejected = run("dora", "change", "cancel", doras);
      assertThat(cancelRejected.exit()).isEqualTo(1);
      assertThat(cancelRejected.err()).contains("cannot cancel change request " + doras + ": it is already REJECTED");
      String toCancel = ok("dora", "change", "submit", "--type", "normal", "--patch", "app-2.0", "--plan", "web-all",
          "--title", "spare").strip();
      assertThat(ok("dora", "change", "cancel", toCancel)).isEqualTo("cancelled " + toCancel + ": CANCELLED\n");

      String json = ok("alice", "change", "submit", "--type", "emergency", "--patch", "app-2.0", "--plan", "web-all",
          "--title", "exploited in the wild", "--justification", "active exploitation", "-o", "json");
      String emergency = json.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1").strip();
      assertThat(json).contains("\"type\":\"emergency\"").contains("\"state\":\"SUBMITTED\"");
      assertThat(ok("bob", "change", "approve", emergency)).isEqualTo("approved by bob (1 of 1): APPROVED\n");
      assertThat(ok("alice", "change", "show", emergency)).containsPattern("Review: +PENDING, due 20\\S+\n");
      Run ownReview = run("alice", "change", "review", emergency, "--notes", "fine");
      assertThat(ownReview.exit()).isEqualTo(1);
      assertThat(ownReview.err()).contains("forbidden");
      assertThat(ok("carol", "change", "review", emergency, "--notes", "blast radius small"))
          .isEqualTo("review by carol recorded (review DONE): APPROVED\n");
      assertThat(ok("bob", "change", "show", emergency)).containsPattern("Review: +DONE, due 20\\S+, by carol at 20\\S+: blast radius small");
      assertThat(ok("bob", "change", "list", "--state", "approved")).contains(cr).contains(emergency).doesNotContain(doras);
      assertThat(ok("bob", "change", "--help")).contains("--change");
    }
  }

  private void user(String name, String roles, String url) {
    assertThat(ok("admin", "users", "add", name, "--role", roles)).contains("user " + name + " created");
    String token = ok("admin", "users", "token", name).strip();
    envs.put(name, Map.of("SUTURE_SERVER", url, "SUTURE_TOKEN_FILE", tmp.resolve("none").toString(), "SUTURE_TOKEN", token));
  }

  private String ok(String who, String... args) {
    Run r = run(who, args);
    assertThat(r.exit()).as(who + " " + String.join(" ", args) + ": " + r.err()).isZero();
    return r.out();
  }

  private Run run(String who, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), envs.get(who),
        new ByteArrayInputStream(new byte[0]));
    return new Run(exit, out.toString(), err.toString());
  }
}
