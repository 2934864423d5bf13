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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `suture feeds`, `suture inventory collect` and `suture findings` against the real packaged server: an
 * OSV directory (zipped on the fly by the CLI) with one malformed record, this machine's real dpkg
 * inventory collected with the command executor, and the finding it implies.
 */
class VulnCliIT {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  private Map<String, String> env;

  static String advisory(String id, String fixed) {
    return "{\"id\":\"" + id + "\",\"modified\":\"2026-11-01T00:00:00Z\",\"aliases\":[\"CVE-2099-0042\"],\"summary\":\"bash: test\","
        + "\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"bash\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
        + "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"" + fixed + "\"}]}]}]}";
  }

  @Test void feedsInventoryAndFindingsFromTheCommandLine() throws Exception {
    Process dpkg = new ProcessBuilder("dpkg-query", "-W", "-f=${source:Version}", "bash").start();
    String bash = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(dpkg.waitFor()).isZero();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = tmp.resolve("data");
    try (ChildProcesses children = new ChildProcesses(Duration.ofSeconds(15))) {
      DemoServer server = DemoServer.start(children, Path.of(System.getProperty("java.home"), "bin", "java"),
          List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dsuture.inventory.executor=command"), Path.of(Cli.jar("suture.server.jar")),
          data, port, tmp.resolve("server.log"));
      server.awaitUp(Duration.ofSeconds(90), new PrintWriter(java.io.OutputStream.nullOutputStream()));
      env = Map.of("SUTURE_SERVER", "http://127.0.0.1:" + port, "SUTURE_TOKEN_FILE", tmp.resolve("none").toString(),
          "SUTURE_TOKEN", Files.readString(data.resolve("initial-admin-token")).strip());
      Files.writeString(tmp.resolve("asset.yaml"), "apiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: this-host}\n"
          + "spec: {environment: production, address: 127.0.0.1}\n");
      ok("apply", "-f", tmp.resolve("asset.yaml").toString());

      Path osv = Files.createDirectories(tmp.resolve("osv/debian"));
      Files.writeString(osv.resolve("DEBIAN-CVE-2099-0042.json"), advisory("DEBIAN-CVE-2099-0042", bash + "+deb12u7"));
      Files.writeString(osv.resolve("BROKEN-2.json"), "{\"id\":\"BROKEN-2\",\"affected\":[");
      String imported = ok("feeds", "import", "osv", tmp.resolve("osv").toString());
      assertThat(imported).contains("osv import #").contains("1 records, 1 new, 0 updated, 0 unchanged, 1 problems")
          .contains("skipped ").contains("BROKEN-2");

      Files.writeString(tmp.resolve("epss.csv"), "#model_version:v2025.03.14,score_date:2026-11-30T00:00:00+0000\n"
          + "cve,epss,percentile\nCVE-2099-0042,0.91,0.99\nCVE-bad,2,0.5\n");
      assertThat(ok("feeds", "import", "epss", tmp.resolve("epss.csv").toString()))
          .contains("1 records, 1 new").contains("1 problems").contains("line 4");
      assertThat(ok("feeds", "status")).contains("advisories 1").contains("EPSS 1");

      String collected = ok("inventory", "collect", "--selector", "name=this-host");
      assertThat(collected).containsPattern("\\[1/1\\] this-host: Debian:12, \\d+ packages")
          .contains("1 assets: 1 collected, 0 failed").contains("findings 1 opened");

      String findings = ok("findings", "--state", "open");
      assertThat(findings.lines().findFirst().orElseThrow()).matches("ASSET +ADVISORY +PACKAGE +INSTALLED +FIXED +STATE +RISK +PRIORITY +DUE +KEV");
      assertThat(findings).containsPattern("this-host +DEBIAN-CVE-2099-0042 +bash +" + java.util.regex.Pattern.quote(bash) + " +\\S+ +open +\\d+\\.\\d");
      assertThat(ok("findings", "-o", "json")).contains("\"epss\":0.91");
      assertThat(ok("inventory", "list")).containsPattern("this-host +\\S+ +command:dpkg +.*Debian:12 +\\d+ +\\d+");
      assertThat(ok("inventory", "show", "this-host")).containsPattern("Debian:12 +bash +\\S+ +bash");

      // Decisions from the command line: an approver accepts the risk for 30 days; an operator may not.
      String[] key = {"this-host", "DEBIAN-CVE-2099-0042", "bash"};
      assertThat(ok("users", "add", "ops", "--role", "operator,viewer")).contains("user ops created");
      assertThat(ok("users", "add", "bob", "--role", "approver,viewer")).contains("user bob created");
      Map<String, String> admin = env;
      env = Map.of("SUTURE_SERVER", admin.get("SUTURE_SERVER"), "SUTURE_TOKEN_FILE", admin.get("SUTURE_TOKEN_FILE"),
          "SUTURE_TOKEN", ok("users", "token", "ops").strip());
      Run opsAccepts = run("findings", "accept", key[0], key[1], key[2], "--reason", "lab host", "--expires", "30d");
      assertThat(opsAccepts.exit()).isEqualTo(1);
      assertThat(opsAccepts.err()).contains("requires the role approver");
      env = admin;
      env = Map.of("SUTURE_SERVER", admin.get("SUTURE_SERVER"), "SUTURE_TOKEN_FILE", admin.get("SUTURE_TOKEN_FILE"),
          "SUTURE_TOKEN", ok("users", "token", "bob").strip());
      assertThat(run("findings", "accept", key[0], key[1], key[2], "--reason", "x", "--expires", "someday").exit()).isEqualTo(64);
      assertThat(ok("findings", "accept", key[0], key[1], key[2], "--reason", "lab host, no shell users", "--expires", "30d"))
          .startsWith("this-host/DEBIAN-CVE-2099-0042/bash: accepted-risk until 20");
      String shown = ok("findings", "show", key[0], key[1], key[2]);
      assertThat(shown).contains("installed " + bash).contains("accepted risk by bob until").contains("lab host, no shell users")
          .contains("history:").containsPattern("\\(new\\) -> open +by system:inventory")
          .containsPattern("open -> accepted-risk +by bob");
      assertThat(ok("findings", "reopen", key[0], key[1], key[2], "--note", "exception withdrawn")).contains(": open");
      env = admin;

      assertThat(run("feeds", "import", "nvd", "x").exit()).isEqualTo(64);
      Run missing = run("feeds", "import", "kev", tmp.resolve("nope.json").toString());
      assertThat(missing.exit()).isEqualTo(64);
      assertThat(missing.err()).contains("no such file");
      Run failedHost = run("inventory", "collect", "--selector", "name=this-host", "--executor", "ssh", "--option", "port=1");
      assertThat(failedHost.exit()).isEqualTo(1);
      assertThat(failedHost.out()).contains("FAILED this-host");
    }
  }

  private String ok(String... args) {
    Run r = run(args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err() + r.out()).isZero();
    return r.out();
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env, new ByteArrayInputStream(new byte[0]));
    return new Run(exit, out.toString(), err.toString());
  }
}
