package dev.suture.core.plan;

/** A count ("3") or a percentage ("25%") of some total; percentages round up so 1% of 10 is 1. */
public record Quantity(int value, boolean percent) {
  public Quantity {
    if (value < 0) throw new IllegalArgumentException("must not be negative");
    if (percent && value > 100) throw new IllegalArgumentException("must be at most 100%");
  }

  public static Quantity parse(Object raw) {
    String s = String.valueOf(raw).trim();
    try {
      if (s.endsWith("%")) return new Quantity(Integer.parseInt(s.substring(0, s.length() - 1).trim()), true);
      return new Quantity(Integer.parseInt(s), false);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not a count or a percentage like 25%");
    }
  }

  public int of(int total) {
    if (!percent) return value;
    return (int) (((long) total * value + 99) / 100); // ceil in integers: no floating-point surprises
  }

  @Override public String toString() { return percent ? value + "%" : Integer.toString(value); }
}
