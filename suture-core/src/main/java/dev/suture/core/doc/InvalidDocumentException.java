package dev.suture.core.doc;

import java.util.List;

/** Thrown when any document of an input is invalid; nothing of that input may be stored. */
public final class InvalidDocumentException extends RuntimeException {
  private final List<ValidationError> errors;

  public InvalidDocumentException(List<ValidationError> errors) {
    super(summary(errors));
    this.errors = List.copyOf(errors);
  }

  public List<ValidationError> errors() { return errors; }

  private static String summary(List<ValidationError> errors) {
    if (errors.size() == 1) return errors.get(0).toString();
    return errors.size() + " errors, first: " + errors.get(0);
  }
}
