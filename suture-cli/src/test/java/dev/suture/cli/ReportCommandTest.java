package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** `suture report` against a canned HTTP server: which endpoint it calls and what it prints. */
class ReportCommandTest {

    private final CannedServer server;

    ReportCommandTest() throws IOException {
        server = new CannedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Cli.Result run(String... args) {
        return Cli.runAgainst(server.url(), args);
    }

    static final String MTTP = """
            {"report":"mttp","generatedAt":"2026-12-01T00:00:00Z","window":"7d","tables":[
             {"name":"mttp","columns":["scope","name","count","meanSeconds"],"rows":[
               {"scope":"all","name":"all","count":"1","meanSeconds":"86400"},
               {"scope":"priority","name":"high","count":"0","meanSeconds":""}]},
             {"name":"mttp-findings","columns":["asset","startBasis"],"rows":[{"asset":"web-1","startBasis":"published"}]}]}
            """;

    @Test
    void tableFormatPrintsEveryTableWithItsName() {
        server.json("GET /api/v1/reports/mttp?format=json&window=7d", MTTP);
        Cli.Result r = run("report", "mttp", "--window", "7d");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                mttp (window 7d)
                SCOPE     NAME  COUNT  MEANSECONDS
                all       all   1      86400
                priority  high  0      -

                mttp-findings (window 7d)
                ASSET  STARTBASIS
                web-1  published
                """);
    }

    @Test
    void csvAndJsonArePrintedAsTheServerWroteThem() {
        server.on("GET /api/v1/reports/drift?format=csv&table=drift", 200, "text/csv", "family,package\r\nDebian,\"a,b\"\r\n");
        Cli.Result csv = run("report", "drift", "--format", "csv", "--table", "drift");
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.out()).isEqualTo("family,package\r\nDebian,\"a,b\"\r\n");
        server.json("GET /api/v1/reports/mttp?format=json", MTTP);
        assertThat(run("report", "mttp", "--format", "json").out()).isEqualTo(MTTP);
    }

    @Test
    void slaAsksForTheFindingsSlaReportNotTheRegistrys() {
        server.json("GET /api/v1/reports/finding-sla?format=json", "{\"report\":\"finding-sla\",\"window\":\"30d\",\"tables\":[]}");
        Cli.Result r = run("report", "sla");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(server.requests).extracting(CannedServer.Recorded::uri).containsExactly("/api/v1/reports/finding-sla?format=json");
    }

    @Test
    void aBadReportOrFormatIsACommandLineErrorNamingIt() {
        Cli.Result r = run("report", "speed");
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).contains("REPORT").contains("coverage, mttp, sla, kev, drift");
        Cli.Result f = run("report", "kev", "--format", "xml");
        assertThat(f.exit()).isEqualTo(64);
        assertThat(f.err()).contains("--format");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aServerErrorIsShownWithItsField() {
        server.problem("GET /api/v1/reports/mttp?format=json&window=soon", 400,
                "{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"window: 'soon' is not a duration\"}");
        Cli.Result r = run("report", "mttp", "--window", "soon");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("window: 'soon' is not a duration");
    }
}
