package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** `suture patch propose`, against a canned HTTP server. */
class PatchCommandTest {
    static final String PROPOSALS = """
            [{"id":"openssl-3.0.15-1-deb12u1-production","ecosystem":"Debian:12","packageName":"openssl",
              "fixedVersion":"3.0.15-1~deb12u1","environment":"production","assets":["web-1","web-2","web-3","web-4","web-5"],
              "advisories":["DSA-A","DSA-B"],"cves":["CVE-2099-1001","CVE-2099-1002"],"priority":"high",
              "due":"2026-12-08T09:00:00Z","findings":[]},
             {"id":"curl-7.88.1-10-deb12u8-staging","ecosystem":"Debian:12","packageName":"curl","fixedVersion":"7.88.1-10+deb12u8",
              "environment":"staging","assets":["stg-1"],"advisories":["DSA-C"],"cves":[],"priority":"routine","due":null,"findings":[]}]""";

    private final CannedServer server;

    PatchCommandTest() throws IOException {
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
    void listsProposalsAsATableWithLongListsShortened() {
        server.json("GET /api/v1/proposals", PROPOSALS);
        Cli.Result r = run("patch", "propose");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                ID                                   PACKAGE  FIXED              ENV         ASSETS                CVES                         PRIORITY  DUE
                openssl-3.0.15-1-deb12u1-production  openssl  3.0.15-1~deb12u1   production  web-1,web-2,web-3 +2  CVE-2099-1001,CVE-2099-1002  high      2026-12-08T09:00:00Z
                curl-7.88.1-10-deb12u8-staging       curl     7.88.1-10+deb12u8  staging     stg-1                 -                            routine   -
                """);
    }

    @Test
    void filtersGoToTheServerAsQueryParameters() {
        server.json("GET /api/v1/proposals?environment=production&package=openssl", "[]");
        Cli.Result r = run("patch", "propose", "--environment", "production", "--package", "openssl");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(server.requests).extracting(CannedServer.Recorded::uri)
                .containsExactly("/api/v1/proposals?environment=production&package=openssl");
    }

    @Test
    void createsAProposalAndSaysWhatWasCreatedAndWhatThePlanMisses() {
        server.on("POST /api/v1/proposals/curl-7.88.1-10-deb12u8-staging", 201, "application/json", """
                {"patch":"curl-fix","plan":"curl-7.88.1-10-deb12u8-staging","selector":"env=staging,name=stg-1,role=web",
                 "proposal":{"packageName":"curl","fixedVersion":"7.88.1-10+deb12u8","priority":"routine","cves":["CVE-1"]},
                 "planned":[{"asset":"stg-1","advisory":"DSA-C","packageName":"curl"}],"skipped":[],
                 "uncoveredAssets":["stg-1"],"otherAssets":[]}""");
        Cli.Result r = run("patch", "propose", "curl-7.88.1-10-deb12u8-staging", "--plan-template", "web-sop", "--patch-name", "curl-fix");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(server.requests.get(0).body()).isEqualTo("{\"planTemplate\":\"web-sop\",\"patchName\":\"curl-fix\"}");
        assertThat(r.out()).isEqualTo("""
                patch/curl-fix created: curl 7.88.1-10+deb12u8, priority routine, 1 CVEs
                plan/curl-7.88.1-10-deb12u8-staging created from web-sop, targets env=staging,name=stg-1,role=web
                1 findings patch-planned
                warning: the plan does not select stg-1 (the template's other selector terms exclude them)
                """);
    }

    @Test
    void aConflictIsAnErrorNamingTheDocument() {
        server.problem("POST /api/v1/proposals/x", 409, "{\"title\":\"Not allowed in this state\",\"status\":409,"
                + "\"detail\":\"patch 'x' already exists\"}");
        Cli.Result r = run("patch", "propose", "x", "--plan-template", "web-sop");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("patch 'x' already exists");
    }

    @Test
    void optionsThatDoNotFitAreUsageErrorsBeforeAnyRequest() {
        assertThat(run("patch", "propose", "x").err()).contains("--plan-template is required with ID");
        assertThat(run("patch", "propose", "--plan-template", "t").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("patch", "propose", "x", "--plan-template", "t", "--environment", "prod").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(server.requests).isEmpty();
    }
}
