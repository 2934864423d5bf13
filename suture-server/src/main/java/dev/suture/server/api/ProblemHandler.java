package dev.suture.server.api;

import dev.suture.core.doc.InvalidDocumentException;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.port.NotFoundException;
import dev.suture.server.security.ForbiddenException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Every error is application/problem+json whose detail says what went wrong and, where known, which field. */
@RestControllerAdvice
class ProblemHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(InvalidDocumentException.class)
  ProblemDetail invalid(InvalidDocumentException e) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid document",
        e.errors().size() + " error(s); nothing was stored. First: " + e.errors().get(0));
    p.setProperty("errors", e.errors().stream().map(v -> Map.of("source", v.source(), "line", v.line(), "field", v.field(),
        "message", v.message())).toList());
    return p;
  }

  @ExceptionHandler(FieldException.class)
  ProblemDetail field(FieldException e) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    p.setProperty("errors", List.of(Map.of("field", e.field, "message", e.getMessage())));
    return p;
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) { return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage()); }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) { return problem(HttpStatus.CONFLICT, "Not allowed in this state", e.getMessage()); }

  @ExceptionHandler(ForbiddenException.class)
  ProblemDetail forbidden(ForbiddenException e) { return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage()); }

  @ExceptionHandler(ResponseStatusException.class)
  ProblemDetail status(ResponseStatusException e) {
    HttpStatus s = HttpStatus.valueOf(e.getStatusCode().value());
    return problem(s, s.getReasonPhrase(), e.getReason() == null ? s.getReasonPhrase() : e.getReason());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badArgument(IllegalArgumentException e) { return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage()); }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return problem(HttpStatus.BAD_REQUEST, "Unreadable request body", "the request body is missing or is not valid JSON");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", e.getMessage());
  }

  @ExceptionHandler(RuntimeException.class)
  ProblemDetail unexpected(RuntimeException e) {
    log.error("bug: unhandled error answering a request", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "unexpected error: " + e.getClass().getSimpleName()
        + " (see the server log)");
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    return p;
  }
}
