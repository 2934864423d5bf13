package dev.suture.core.registry;

import java.util.Locale;
import java.util.Objects;

/** The regression risk assessment the curriculum makes mandatory (module 2): a level and why. */
public record RegressionRisk(Level level, String notes) {
  public enum Level {
    LOW, MEDIUM, HIGH;

    public static Level fromWire(String field, String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw InvalidFieldsException.of(field, "'" + s + "' is not a risk level (low, medium, high)");
      }
    }
  }

  public RegressionRisk {
    Objects.requireNonNull(level, "regressionRisk.level");
    notes = notes == null ? "" : notes.strip();
  }
}
