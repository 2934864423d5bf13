package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import dev.suture.server.api.Annotations.Annotation;
import dev.suture.server.security.Allow;
import dev.suture.store.JdbcProgrammeRecords;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Deployments for Grafana: {@code GET /api/v1/annotations?from=&to=} in epoch milliseconds, as Grafana sends them. */
@RestController
class AnnotationsController {
  static final int MAX_ROLLOUTS = 500;
  static final int MAX_EVENTS = 5000;
  private final JdbcProgrammeRecords records;
  private final Clock clock;

  AnnotationsController(JdbcProgrammeRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  @Operation(summary = "Rollouts and their lifecycle events between from and to (epoch ms) as Grafana annotations")
  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/api/v1/annotations")
  List<Annotation> annotations(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    Instant f = epochMillis("from", from);
    Instant t = epochMillis("to", to);
    if (t.isBefore(f)) throw new FieldException("to", "must not be before from");
    var rollouts = records.rolloutsBetween(f, t, MAX_ROLLOUTS);
    var events = records.rolloutEvents(Annotations.EVENTS.keySet(), 0, f, MAX_EVENTS);
    return Annotations.of(rollouts, events, f, t, clock.instant());
  }

  private static Instant epochMillis(String field, String text) {
    if (text == null || text.isBlank()) throw new FieldException(field, "is required: epoch milliseconds (Grafana's ${__from} / ${__to})");
    try {
      long ms = Long.parseLong(text.strip());
      if (ms < 0) throw new FieldException(field, "must not be negative");
      return Instant.ofEpochMilli(ms);
    } catch (NumberFormatException e) {
      throw new FieldException(field, "'" + text + "' is not epoch milliseconds");
    }
  }
}
