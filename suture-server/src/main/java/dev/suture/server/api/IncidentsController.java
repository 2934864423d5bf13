package dev.suture.server.api;

import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import dev.suture.core.incident.IncidentCase;
import dev.suture.core.incident.IncidentState;
import dev.suture.core.port.NotFoundException;
import dev.suture.server.api.IncidentViews.CaseView;
import dev.suture.server.api.IncidentViews.CloseBody;
import dev.suture.server.api.IncidentViews.PostmortemBody;
import dev.suture.server.api.IncidentViews.StateBody;
import dev.suture.server.security.Allow;
import dev.suture.store.JdbcIncidentReviews;
import dev.suture.store.Store;
import io.swagger.v3.oas.annotations.Operation;
import java.util.EnumSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incident lifecycle and post-mortems. The list stays at GET /api/v1/incidents in AuditController
 * (it reads the same rows, so it shows the state set here); mapping it twice would stop startup.
 */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentsController {
  private final Store store;
  private final JdbcIncidentReviews reviews;

  IncidentsController(Store store, JdbcIncidentReviews reviews) {
    this.store = store;
    this.reviews = reviews;
  }

  @GetMapping("/{id}")
  @Allow({Role.VIEWER, Role.REQUESTER, Role.APPROVER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  CaseView get(@PathVariable String id) {
    return view(reviews.find(id).orElseThrow(() -> new NotFoundException("incident", id)));
  }

  @Operation(summary = "Move the incident: mitigated, resolved (closed only with a complete post-mortem)")
  @PostMapping("/{id}/state")
  @Allow({Role.OPERATOR, Role.ADMIN})
  CaseView state(@PathVariable String id, @RequestBody StateBody body) {
    if (body == null || body.to() == null || body.to().isBlank()) throw new FieldException("to", "is required");
    IncidentState to = IncidentState.parse("to", body.to());
    return view(reviews.changeState(id, to, actor().name(), body.note(), body.version()));
  }

  @Operation(summary = "Write or replace the post-mortem; complete=true declares it done (refused while anything is missing)")
  @PutMapping("/{id}/postmortem")
  @Allow({Role.OPERATOR, Role.ADMIN})
  CaseView postmortem(@PathVariable String id, @RequestBody PostmortemBody body) {
    if (body == null) throw new FieldException("body", "is required");
    return view(reviews.savePostmortem(id, IncidentViews.postmortem(id, body), Boolean.TRUE.equals(body.complete()), actor().name(),
        body.version()));
  }

  @Operation(summary = "Close a resolved incident whose post-mortem is complete")
  @PostMapping("/{id}/close")
  @Allow({Role.OPERATOR, Role.ADMIN})
  CaseView close(@PathVariable String id, @RequestBody(required = false) CloseBody body) {
    return view(reviews.changeState(id, IncidentState.CLOSED, actor().name(), body == null ? "" : body.note(),
        body == null ? null : body.version()));
  }

  private CaseView view(IncidentCase c) { return IncidentViews.of(c, store.audit().forSubject(JdbcIncidentReviews.subject(c.id()))); }

  /**
   * The acting person. Until authentication lands the local operator holds every role; then this
   * one line reads the authenticated Actor instead.
   */
  private static Actor actor() { return Actors.actor(); }
}
