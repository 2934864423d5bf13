package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import dev.suture.core.feed.FeedFormatException;
import dev.suture.server.security.Allow;
import dev.suture.core.vuln.FeedImporter;
import dev.suture.server.vuln.FeedSource;
import dev.suture.core.vuln.VulnerabilityService;
import dev.suture.core.feed.FeedImport;
import dev.suture.core.feed.FeedKind;
import dev.suture.core.port.FeedStore;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Feed imports: the body is the feed itself (an OSV zip, the KEV JSON catalog, EPSS CSV or CSV.gz),
 * streamed into one import transaction as it arrives; or {@code url} names where the server fetches it.
 */
@RestController
@RequestMapping("/api/v1/feeds")
class FeedsController {
  private final FeedImporter importer;
  private final VulnerabilityService service;
  private final FeedSource sources;

  FeedsController(FeedImporter importer, VulnerabilityService service, FeedSource sources) {
    this.importer = importer;
    this.service = service;
    this.sources = sources;
  }

  public record ProblemView(String file, String recordId, String message) {}

  public record ImportView(long id, String kind, String source, String actor, Instant startedAt, Instant finishedAt,
                           String state, long records, long inserted, long updated, long unchanged, long problemCount,
                           List<ProblemView> problems, String error) {
    static ImportView of(FeedImport i, int problems) {
      return new ImportView(i.id(), i.kind().wireName(), i.source(), i.actor(), i.startedAt(), i.finishedAt(),
          i.state().name().toLowerCase(), i.records(), i.inserted(), i.updated(), i.unchanged(), i.problemCount(),
          i.problems().stream().limit(problems).map(p -> new ProblemView(p.file(), p.recordId().orElse(null), p.message())).toList(),
          i.error().orElse(null));
    }
  }

  public record ImportResponse(ImportView imported, VulnerabilityService.Outcome findings) {}

  public record StatusView(long advisories, long withdrawn, long kev, long epss, List<ImportView> recentImports) {}

  @Operation(summary = "Import a feed (osv: zip; kev: JSON; epss: CSV or CSV.gz) from the request body, or from `url`. "
      + "One transaction: nothing is visible until the whole feed is in. Malformed records are skipped and listed.")
  @Allow({OPERATOR, ADMIN})
  @PostMapping("/{kind}/import")
  ImportResponse importFeed(@PathVariable String kind, @RequestParam Optional<String> source, @RequestParam Optional<String> url,
                            @RequestParam Optional<String> scoreDate, HttpServletRequest request) throws IOException {
    FeedKind k = parseKind(kind);
    LocalDate date = scoreDate.map(FeedsController::date).orElse(null);
    try (FeedSource.Opened feed = url.isPresent() ? sources.fetch(url.get()) : sources.upload(request, source)) {
      FeedImporter.Result r = importer.importFeed(k, feed.stream(), feed.name(), feed.length(), date, Actors.current(), p -> { });
      return new ImportResponse(ImportView.of(r.imported(), 100), r.findings());
    }
  }

  @Operation(summary = "What the feed store holds and the most recent imports.")
  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping
  StatusView status() {
    FeedStore.Counts c = service.feeds().counts();
    return new StatusView(c.advisories(), c.withdrawn(), c.kev(), c.epss(),
        service.feeds().imports(20).stream().map(i -> ImportView.of(i, 5)).toList());
  }

  private static FeedKind parseKind(String kind) {
    try {
      return FeedKind.fromWire(kind);
    } catch (IllegalArgumentException e) {
      throw new FieldException("kind", e.getMessage());
    }
  }

  private static LocalDate date(String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new FieldException("scoreDate", "must be a date like 2026-12-01, was '" + s + "'");
    }
  }

  /** The feed itself is broken (not a zip, truncated): the import failed as a whole and kept nothing. */
  @ExceptionHandler({FeedFormatException.class, UncheckedIOException.class})
  ProblemDetail failed(RuntimeException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
        "the import failed and nothing of it was kept: " + e.getMessage());
    p.setTitle("Feed import failed");
    return p;
  }
}
