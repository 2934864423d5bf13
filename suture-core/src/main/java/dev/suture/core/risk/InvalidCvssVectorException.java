package dev.suture.core.risk;

/**
 * A severity entry claims a CVSS type but its vector is not a valid vector of that version. The
 * message names the type, the vector and what is wrong, so an operator can find the feed record.
 */
public class InvalidCvssVectorException extends IllegalArgumentException {
  private final String type;
  private final String vector;
  private final String reason;

  public InvalidCvssVectorException(String type, String vector, String reason) {
    super(type + " vector '" + vector + "' is invalid: " + reason);
    this.type = type;
    this.vector = vector;
    this.reason = reason;
  }

  public String type() { return type; }

  public String vector() { return vector; }

  public String reason() { return reason; }
}
