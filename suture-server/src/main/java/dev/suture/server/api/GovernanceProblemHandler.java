package dev.suture.server.api;

import dev.suture.core.incident.IncompletePostmortemException;
import dev.suture.core.registry.FieldProblem;
import dev.suture.core.registry.InvalidFieldsException;
import dev.suture.core.rollout.IllegalTransitionException;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems specific to the registry and incident endpoints: every bad field named, illegal moves
 * and incomplete post-mortems as 409, missing roles as 403. Ordered first and limited to these
 * controllers, so ProblemHandler's catch-all does not turn them into 500s.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = {RegistryController.class, IncidentsController.class})
class GovernanceProblemHandler {
  @ExceptionHandler(InvalidFieldsException.class)
  ProblemDetail invalid(InvalidFieldsException e) {
    return withErrors(problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage()), e.problems());
  }

  @ExceptionHandler(IncompletePostmortemException.class)
  ProblemDetail incomplete(IncompletePostmortemException e) {
    return withErrors(problem(HttpStatus.CONFLICT, "Post-mortem incomplete", e.getMessage()), e.problems());
  }

  @ExceptionHandler(IllegalTransitionException.class)
  ProblemDetail illegal(IllegalTransitionException e) { return problem(HttpStatus.CONFLICT, "Not allowed in this state", e.getMessage()); }

  @ExceptionHandler(RoleRequiredException.class)
  ProblemDetail forbidden(RoleRequiredException e) { return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage()); }

  private static ProblemDetail withErrors(ProblemDetail p, List<FieldProblem> problems) {
    p.setProperty("errors", problems.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
    return p;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    return p;
  }
}
