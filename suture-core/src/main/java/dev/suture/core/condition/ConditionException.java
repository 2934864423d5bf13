package dev.suture.core.condition;

/** A condition that does not parse (or cannot be evaluated), with the 1-based column it points at. */
public final class ConditionException extends RuntimeException {
  private final int column;

  public ConditionException(int column, String message) {
    super("column " + column + ": " + message);
    this.column = column;
  }

  public int column() { return column; }
}
