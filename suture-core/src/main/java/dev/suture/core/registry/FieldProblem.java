package dev.suture.core.registry;

import java.util.Objects;

/** One thing wrong with a request or record, named by its field so a UI can point at it. */
public record FieldProblem(String field, String message) {
  public FieldProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override public String toString() { return field + ": " + message; }
}
