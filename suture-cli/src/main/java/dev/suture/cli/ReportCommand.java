package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** `suture report coverage|mttp|sla|kev|drift`: the vulnerability reports (docs/reports.md). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Print a report: coverage (M5, per environment and group), mttp (M6, time to patch),",
                "sla (findings past or near their due date), kev (known exploited, still open), drift (versions across environments).",
                "mttp and sla cover --window; the others are the state now."})
final class ReportCommand extends ClientCommand {
    static final List<String> REPORTS = List.of("coverage", "mttp", "sla", "kev", "drift");

    @Parameters(index = "0", paramLabel = "REPORT", description = "coverage, mttp, sla, kev or drift")
    String report;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or csv")
    String format = "table";

    @Option(names = "--window", paramLabel = "DURATION", description = "what mttp and sla cover, e.g. 30d (default), 12h")
    String window;

    @Option(names = "--table", paramLabel = "NAME", description = "only this table of the report (csv: default the first), e.g. mttp-findings")
    String table;

    /** The server's name for a report: the findings' SLA report is {@code finding-sla} ({@code /reports/sla} is the registry's). */
    static String endpoint(String report) {
        return report.equals("sla") ? "finding-sla" : report;
    }

    @Override
    public Integer call() {
        String r = report.toLowerCase(Locale.ROOT);
        if (!REPORTS.contains(r)) {
            throw new ParameterException(spec.commandLine(), "REPORT: must be one of " + String.join(", ", REPORTS) + ", was '" + report + "'");
        }
        String f = format.toLowerCase(Locale.ROOT);
        if (!List.of("table", "json", "csv").contains(f)) {
            throw new ParameterException(spec.commandLine(), "--format: must be table, json or csv, was '" + format + "'");
        }
        List<String> query = new ArrayList<>();
        query.add("format=" + (f.equals("csv") ? "csv" : "json"));
        if (window != null) {
            query.add("window=" + VulnCommands.q(window));
        }
        if (table != null) {
            query.add("table=" + VulnCommands.q(table));
        }
        ApiClient.Response resp = VulnCommands.longApi(this).get(ApiClient.API + "/reports/" + endpoint(r) + "?" + String.join("&", query));
        if (!f.equals("table")) {
            // CSV and JSON exactly as the server wrote them (CSV keeps its CRLF line ends).
            out().print(resp.body());
            out().flush();
            return 0;
        }
        JsonNode body = resp.json();
        boolean first = true;
        for (JsonNode t : body.path("tables")) {
            if (!first) {
                out().println();
            }
            first = false;
            out().println(t.path("name").asText() + (body.path("window").isTextual() ? " (window " + body.path("window").asText() + ")" : ""));
            List<String> columns = new ArrayList<>();
            t.path("columns").forEach(c -> columns.add(c.asText()));
            Table out = new Table(columns.toArray(String[]::new));
            for (JsonNode row : t.path("rows")) {
                Object[] cells = new Object[columns.size()];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = row.path(columns.get(i)).asText("");
                }
                out.row(cells);
            }
            out().print(out.render());
        }
        out().flush();
        return 0;
    }
}
