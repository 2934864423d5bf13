package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import dev.suture.server.api.Views.EventView;
import dev.suture.server.api.Views.IncidentView;
import dev.suture.server.api.Views.Verification;
import dev.suture.store.Store;
import dev.suture.server.security.Allow;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class AuditController {
  private final Store store;

  AuditController(Store store) { this.store = store; }

  @Allow({AUDITOR, OPERATOR, ADMIN})
  @GetMapping("/audit")
  List<EventView> audit(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "1000") int limit) {
    if (limit < 1 || limit > 10_000) throw new FieldException("limit", "must be between 1 and 10000");
    return store.audit().list(after, limit).stream().map(EventView::of).toList();
  }

  @Operation(summary = "Recompute the audit hash chain from the stored rows")
  @Allow({AUDITOR, OPERATOR, ADMIN})
  @GetMapping("/audit/verify")
  Verification verify() {
    var v = store.audit().verify();
    return new Verification(v.intact(), v.events(), v.firstBadSequence(), v.reason());
  }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/incidents")
  List<IncidentView> incidents() { return store.rollouts().incidents().stream().map(IncidentView::of).toList(); }
}
