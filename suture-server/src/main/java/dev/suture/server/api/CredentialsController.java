package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import dev.suture.core.port.CredentialStore;
import dev.suture.credentials.CredentialException;
import dev.suture.server.security.Allow;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only on purpose: secrets are added with {@code suture credentials add} on the server's
 * host, so they never cross the network and no API response could ever carry one.
 */
@RestController
@RequestMapping("/api/v1")
class CredentialsController {
  private final CredentialStore store;

  CredentialsController(CredentialStore store) { this.store = store; }

  /** Built field by field from the listing, so nothing but these four can reach the response. */
  public record CredentialView(String name, String type, String fingerprint, Instant created) {
    static CredentialView of(CredentialStore.Info i) { return new CredentialView(i.name(), i.type(), i.fingerprint(), i.created()); }
  }

  @Operation(summary = "List credentials: name, type, fingerprint, created. Secrets are never returned.")
  @Allow({OPERATOR, ADMIN})
  @GetMapping("/credentials")
  List<CredentialView> list() { return store.list().stream().map(CredentialView::of).toList(); }

  /** An unreadable credentials file is the operator's to fix, not a bug; the message holds no secret. */
  @ExceptionHandler(CredentialException.class)
  ProblemDetail unavailable(CredentialException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    p.setTitle("Credential store unavailable");
    return p;
  }
}
