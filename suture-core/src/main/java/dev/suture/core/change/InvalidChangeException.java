package dev.suture.core.change;

/** Bad input for a change request (HTTP 400 naming the field). */
public final class InvalidChangeException extends IllegalArgumentException {
  private final String field;

  public InvalidChangeException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() { return field; }

  static String requireText(String field, String value) {
    if (value == null || value.isBlank()) throw new InvalidChangeException(field, "is required and must not be blank");
    return value.strip();
  }
}
