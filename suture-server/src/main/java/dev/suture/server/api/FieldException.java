package dev.suture.server.api;

/** A request field is missing or wrong (HTTP 400 naming the field). */
final class FieldException extends RuntimeException {
  final String field;

  FieldException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }
}
