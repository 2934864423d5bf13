package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line contract, end to end against a canned HTTP server. */
class CommandsTest {

    private final CannedServer server;

    @TempDir
    Path tmp;

    CommandsTest() throws IOException {
        server = new CannedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Cli.Result run(String... args) {
        return Cli.runAgainst(server.url(), args);
    }

    @Test
    void applyPrintsOneLinePerDocument() throws IOException {
        Path file = Files.writeString(tmp.resolve("fleet.yaml"), "kind: Asset\n");
        server.json("POST /api/v1/documents?source=fleet.yaml", """
                {"applied":[{"kind":"Asset","name":"web-01","action":"created"},
                            {"kind":"Plan","name":"web-sop","action":"unchanged"}]}""");

        Cli.Result result = run("apply", "-f", file.toString());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("asset/web-01 created\nplan/web-sop unchanged\n");
        assertThat(server.requests.get(0).body()).isEqualTo("kind: Asset\n");
    }

    @Test
    void applyReportsEveryErrorAsFileLineFieldMessage() throws IOException {
        Path file = Files.writeString(tmp.resolve("plans.yaml"), "kind: Plan\n");
        server.problem("POST /api/v1/documents?source=plans.yaml", 400, """
                {"title":"Invalid document","status":400,"detail":"1 error in plans.yaml",
                 "errors":[{"source":"plans.yaml","line":14,"field":"spec.stages[2].wave.percent","message":"must be between 1 and 100"}]}""");

        Cli.Result result = run("apply", "-f", file.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("1 error in plans.yaml\n"
                + file + ":14: spec.stages[2].wave.percent: must be between 1 and 100\n");
    }

    @Test
    void applyAcceptsSeveralFilesAndStandardInput() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.yaml"), "a: 1\n");
        server.json("POST /api/v1/documents?source=a.yaml",
                "{\"applied\":[{\"kind\":\"Patch\",\"name\":\"p1\",\"action\":\"updated\"}]}");
        server.json("POST /api/v1/documents?source=stdin",
                "{\"applied\":[{\"kind\":\"Asset\",\"name\":\"x\",\"action\":\"created\"}]}");

        Cli.Result result = Cli.runWithInput("b: 2\n", java.util.Map.of(),
                "apply", "-f", a.toString(), "-f", "-", "--server", server.url());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("patch/p1 updated\nasset/x created\n");
        assertThat(server.requests).extracting(CannedServer.Recorded::body).containsExactly("a: 1\n", "b: 2\n");
    }

    @Test
    void applyOfAMissingFileSaysSo() {
        Cli.Result result = run("apply", "-f", tmp.resolve("missing.yaml").toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("cannot read " + tmp.resolve("missing.yaml") + ": no such file\n");
    }

    @Test
    void getListsAsTableAndJsonUnchanged() {
        String body = """
                [{"name":"web-01","environment":"production","address":"127.0.0.1:18081","groups":["web"],
                  "criticality":"medium","labels":{"env":"production","role":"web"}}]""";
        server.json("GET /api/v1/assets", body);

        Cli.Result table = run("get", "assets");
        Cli.Result json = run("get", "assets", "-o", "json");

        assertThat(table.out()).containsPattern("NAME\\s+ENVIRONMENT\\s+ADDRESS\\s+GROUPS\\s+CRITICALITY\\s+LABELS")
                .containsPattern("web-01\\s+production\\s+127.0.0.1:18081\\s+web\\s+medium\\s+env=production,role=web");
        assertThat(json.out()).isEqualTo(body + "\n");
    }

    @Test
    void getReadsDocumentShapedResourcesToo() {
        server.json("GET /api/v1/patches/demo-1.1.0", """
                {"apiVersion":"suture.dev/v1","kind":"Patch","metadata":{"name":"demo-1.1.0"},
                 "spec":{"title":"fix","kind":"security","form":"patch","priority":"high","version":"1.1.0","cves":["CVE-2026-0001"]}}""");

        Cli.Result result = run("get", "patch", "demo-1.1.0");

        assertThat(result.out()).containsPattern("demo-1.1.0\\s+1.1.0\\s+security\\s+patch\\s+high\\s+fix\\s+CVE-2026-0001");
    }

    @Test
    void getUnknownNameSaysWhatIsMissing() {
        Cli.Result result = run("get", "plans", "nope");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("no such plan: nope\n");
    }

    @Test
    void getIncidentPicksItFromTheList() {
        server.json("GET /api/v1/incidents", """
                [{"id":"INC-1","rolloutId":"r-1","priority":"P1","title":"Rollout r-1 halted","state":"OPEN","createdAt":"t"}]""");

        assertThat(run("get", "incidents", "INC-1").out()).containsPattern("INC-1\\s+P1\\s+OPEN\\s+r-1");
        assertThat(run("get", "incidents", "INC-9").err()).isEqualTo("no such incident: INC-9\n");
    }

    @Test
    void rolloutStartPrintsOnlyTheId() {
        server.on("POST /api/v1/rollouts", 201, "application/json", Fixtures.RUNNING);

        Cli.Result plain = run("rollout", "start", "--plan", "web-sop", "--patch", "demo-1.1.0");
        Cli.Result json = run("rollout", "start", "--plan", "web-sop", "--patch", "demo-1.1.0", "-o", "json");

        assertThat(plain.out()).isEqualTo("r-1\n");
        assertThat(json.out()).isEqualTo("{\"id\":\"r-1\"}\n");
        assertThat(server.requests.get(0).body()).isEqualTo("{\"plan\":\"web-sop\",\"patch\":\"demo-1.1.0\"}");
        assertThat(server.requests.get(0).contentType()).isEqualTo("application/json");
    }

    @Test
    void rolloutStatusJsonIsTheServersBodyUnchanged() {
        server.json("GET /api/v1/rollouts/r-1", Fixtures.RUNNING);

        assertThat(run("rollout", "status", "r-1", "-o", "json").out()).isEqualTo(Fixtures.RUNNING);
        assertThat(run("rollout", "status", "r-1").out()).contains("State     RUNNING", "web-02");
        assertThat(run("rollout", "status", "r-404").err()).isEqualTo("no such rollout: r-404\n");
    }

    @Test
    void watchExitsZeroWhenTheRolloutSucceeds() {
        server.json("GET /api/v1/rollouts/r-1", Fixtures.RUNNING, Fixtures.SUCCEEDED);

        Cli.Result result = run("rollout", "watch", "r-1");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("[####################] 2/2").endsWith("rollout r-1 SUCCEEDED\n");
    }

    @Test
    void watchWithJsonOutputPrintsOnlyTheFinalDetail() {
        server.json("GET /api/v1/rollouts/r-1", Fixtures.RUNNING, Fixtures.SUCCEEDED);

        Cli.Result result = run("rollout", "watch", "r-1", "-o", "json");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo(Fixtures.SUCCEEDED);
    }

    @Test
    void watchOfAnUnknownRolloutSaysSo() {
        Cli.Result result = run("rollout", "watch", "r-404");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("no such rollout: r-404\n");
    }

    @Test
    void watchExitsTwoWhenTheRolloutWasRolledBack() {
        String rolledBack = Fixtures.rollout("ROLLED_BACK", Fixtures.STAGES_DONE, Fixtures.TARGETS_DONE, "[]")
                .replace("\"haltReason\":null", "\"haltReason\":\"canary health check failed\"")
                .replace("\"incident\":null", "\"incident\":{\"id\":\"INC-1\",\"priority\":\"P1\",\"title\":\"t\"}");
        server.json("GET /api/v1/rollouts/r-1", rolledBack);

        Cli.Result result = run("rollout", "watch", "r-1");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).endsWith("rollout r-1 ROLLED_BACK: canary health check failed (incident INC-1 P1)\n");
    }

    @Test
    void verbsPrintTheNewStateAndExplainARefusal() {
        server.json("POST /api/v1/rollouts/r-1/pause", Fixtures.RUNNING.replace("\"RUNNING\",\n", "\"PAUSED\",\n"));
        server.problem("POST /api/v1/rollouts/r-1/resume", 409,
                "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"cannot resume a SUCCEEDED rollout\"}");

        assertThat(run("rollout", "pause", "r-1").out()).isEqualTo("PAUSED\n");
        Cli.Result refused = run("rollout", "resume", "r-1");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("cannot resume a SUCCEEDED rollout\n");
        assertThat(run("rollout", "abort", "r-2").err()).isEqualTo("no such rollout: r-2\n");
    }

    @Test
    void rolloutListIsATable() {
        server.json("GET /api/v1/rollouts", """
                [{"id":"r-2","plan":"p","patch":"demo-1.2.0","state":"ROLLED_BACK","createdAt":"c","updatedAt":"u"}]""");

        assertThat(run("rollout", "list").out()).containsPattern("ID\\s+PLAN\\s+PATCH\\s+STATE")
                .containsPattern("r-2\\s+p\\s+demo-1.2.0\\s+ROLLED_BACK");
    }

    @Test
    void auditVerifyExitsByTheChainsState() {
        server.json("GET /api/v1/audit/verify", "{\"intact\":true,\"events\":1234}",
                "{\"intact\":false,\"events\":1234,\"firstBadSequence\":57,\"reason\":\"hash mismatch\"}");

        Cli.Result intact = run("audit", "verify");
        Cli.Result broken = run("audit", "verify");

        assertThat(intact.exit()).isZero();
        assertThat(intact.out()).isEqualTo("audit chain intact: 1234 events\n");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).isEqualTo("audit chain broken at event 57: hash mismatch\n");
    }

    @Test
    void auditExportPagesBySequenceAndWritesJsonLines() throws IOException {
        server.json("GET /api/v1/audit?limit=1000", "[{\"sequence\":1,\"hash\":\"a\"},{\"sequence\":2,\"hash\":\"b\",\"details\":{\"x\":1.50}}]");
        server.json("GET /api/v1/audit?limit=1000&after=2", "[{\"sequence\":3,\"hash\":\"c\"}]");
        server.json("GET /api/v1/audit?limit=1000&after=3", "[]");
        Path file = tmp.resolve("audit.jsonl");

        Cli.Result toStdout = run("audit", "export");
        Cli.Result toFile = run("audit", "export", "-f", file.toString());

        assertThat(toStdout.out()).isEqualTo("""
                {"sequence":1,"hash":"a"}
                {"sequence":2,"hash":"b","details":{"x":1.50}}
                {"sequence":3,"hash":"c"}
                """);
        assertThat(Files.readString(file)).isEqualTo(toStdout.out());
        assertThat(toFile.out()).isEqualTo("exported 3 audit events to " + file + "\n");
    }

    @Test
    void unreachableServerIsOneLineAndExitThree() throws IOException {
        server.close();

        Cli.Result result = run("get", "rollouts");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("cannot reach Suture server at " + server.url()
                + ": is it running? (suture server)\n");
    }

    @Test
    void serverUrlComesFromTheEnvironmentWhenNotGiven() {
        server.json("GET /api/v1/rollouts", "[]");

        Cli.Result result = Cli.run(java.util.Map.of("SUTURE_SERVER", server.url()), "get", "rollouts");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("no rollouts\n");
    }

    @Test
    void badCommandLinesExitWithUsageCode() {
        assertThat(Cli.run("rollout", "watch").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("get", "widgets").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("get", "assets", "-o", "yaml").exit()).isEqualTo(ExitCodes.USAGE);
        Cli.Result typo = Cli.run("rollot");
        assertThat(typo.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("rollout");
    }

    @Test
    void helpAndVersionWorkEverywhere() {
        assertThat(Cli.run("--version").out()).startsWith("suture ");
        for (String[] args : new String[][] {{"--help"}, {"rollout", "watch", "--help"}, {"audit", "export", "--help"},
                {"server", "--help"}, {"demo", "--help"}, {"apply", "--help"}}) {
            Cli.Result result = Cli.run(args);
            assertThat(result.exit()).as(String.join(" ", args)).isZero();
            assertThat(result.out()).startsWith("Usage: suture");
        }
    }
}
