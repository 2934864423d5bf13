package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import dev.suture.core.doc.Durations;
import dev.suture.core.report.Report;
import dev.suture.core.report.ReportKind;
import dev.suture.core.report.ReportService;
import dev.suture.core.report.ReportTable;
import dev.suture.server.security.Allow;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coverage (M5), MTTP (M6), SLA, KEV exposure and drift reports as JSON or CSV (docs/reports.md). The
 * reports are computed in core ({@link ReportService}); this only parses the request and writes the tables.
 */
@RestController
@RequestMapping("/api/v1/reports")
class ReportsController {
  /** A window longer than this is almost certainly a typo (and would read every remediated finding ever). */
  static final Duration MAX_WINDOW = Duration.ofDays(3660);
  static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  private final ReportService reports;
  private final Clock clock;

  ReportsController(ReportService reports, Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  @Operation(summary = "A report: coverage, mttp, sla, kev or drift. format=json (default) gives every table; format=csv one "
      + "table (table=NAME, default the first). window (default 30d) applies to mttp and sla.")
  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/{report}")
  ResponseEntity<?> get(@PathVariable String report, @RequestParam Optional<String> format, @RequestParam Optional<String> window,
                        @RequestParam Optional<String> table) {
    ReportKind kind;
    try {
      kind = ReportKind.fromWire(report);
    } catch (IllegalArgumentException e) {
      throw new FieldException("report", e.getMessage());
    }
    String f = format.orElse("json");
    if (!f.equals("json") && !f.equals("csv")) throw new FieldException("format", "must be json or csv, was '" + f + "'");
    Duration w = window(window.orElse("30d"));
    Report r = reports.report(kind, w);
    if (f.equals("csv")) {
      ReportTable t = pick(r, table);
      return ResponseEntity.ok().contentType(CSV)
          .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + t.name() + ".csv\"").body(t.toCsv());
    }
    if (table.isPresent()) pick(r, table);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("report", kind.wireName());
    body.put("generatedAt", clock.instant().toString());
    body.put("window", kind.windowed() ? window.orElse("30d") : null);
    body.put("tables", r.tables().stream().filter(t -> table.isEmpty() || t.name().equals(table.get())).map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.name());
      m.put("columns", t.columns());
      m.put("rows", t.jsonRows());
      return m;
    }).toList());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static ReportTable pick(Report r, Optional<String> table) {
    if (table.isEmpty()) return r.tables().get(0);
    List<ReportTable> ts = r.tables();
    return ts.stream().filter(t -> t.name().equals(table.get())).findFirst().orElseThrow(() -> new FieldException("table",
        "report " + r.kind().wireName() + " has no table '" + table.get() + "' (one of "
            + ts.stream().map(ReportTable::name).collect(Collectors.joining(", ")) + ")"));
  }

  private static Duration window(String s) {
    Duration d;
    try {
      d = Durations.parse(s);
    } catch (IllegalArgumentException e) {
      throw new FieldException("window", e.getMessage() + " (e.g. 30d, 12h)");
    }
    if (d.isZero()) throw new FieldException("window", "must be positive, was '" + s + "'");
    if (d.compareTo(MAX_WINDOW) > 0) throw new FieldException("window", "must be at most 3660d, was '" + s + "'");
    return d;
  }
}
