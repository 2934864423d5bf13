package dev.suture.core.analysis;

/** Bad analysis configuration; {@link #field()} names the offending field (HTTP 400 upstream). */
public final class InvalidMetricException extends IllegalArgumentException {
  private final String field;

  public InvalidMetricException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() { return field; }
}
