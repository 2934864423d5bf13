package dev.suture.core.risk;

import dev.suture.core.model.Priority;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A finding's risk that explains itself. The breakdown adds up: {@code score} is
 * {@code min(100, sum of POINTS × product of MULTIPLIERs)} rounded to one decimal; NOTE factors
 * record what was ignored and which rule set the priority and the due date.
 *
 * @param score 0..100
 * @param priority the priority the score and the KEV rules give
 * @param due when it must be remediated: the SLA policy's due time, or CISA's KEV date when earlier
 * @param explanation the whole computation in one line, for a UI tooltip or an audit record
 */
public record RiskScore(double score, Priority priority, Instant due, List<Factor> breakdown, String explanation) {
  public enum Effect { POINTS, MULTIPLIER, NOTE }

  /**
   * One line of the breakdown: which input, its value, what it did and why.
   *
   * @param amount the points (POINTS), the multiplier (MULTIPLIER) or 0 (NOTE)
   */
  public record Factor(String input, String value, Effect effect, double amount, String why) {
    public Factor {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(effect, "effect");
      Objects.requireNonNull(why, "why");
    }

    public static Factor points(String input, String value, double points, String why) {
      return new Factor(input, value, Effect.POINTS, points, why);
    }

    public static Factor multiplier(String input, String value, double multiplier, String why) {
      return new Factor(input, value, Effect.MULTIPLIER, multiplier, why);
    }

    public static Factor note(String input, String value, String why) { return new Factor(input, value, Effect.NOTE, 0, why); }

    /** {@code 58.8 points}, {@code ×1.25} or empty for a note. */
    public String effectText() {
      switch (effect) {
        case POINTS: return oneDecimal(amount) + " points";
        case MULTIPLIER: return "×" + plain(amount);
        default: return "";
      }
    }

    /** E.g. {@code exposure = internet: ×1.25 (internet-facing: anyone can try)}. */
    public String line() {
      String e = effectText();
      return input + " = " + value + (e.isEmpty() ? "" : ": " + e) + " (" + why + ")";
    }
  }

  public RiskScore {
    if (!(score >= 0 && score <= 100)) throw new IllegalArgumentException("score must be within 0..100, was " + score);
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(due, "due");
    breakdown = List.copyOf(breakdown);
    Objects.requireNonNull(explanation, "explanation");
  }

  /** The factor for {@code input}; the breakdown has exactly one per scored input. */
  public Factor factor(String input) {
    return breakdown.stream().filter(f -> f.input().equals(input)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no factor '" + input + "' in the breakdown"));
  }

  static String oneDecimal(double v) { return String.format(Locale.ROOT, "%.1f", v); }

  /** 1.25 → "1.25", 1.0 → "1": multipliers read as written in the weights. */
  static String plain(double v) {
    String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return s;
  }
}
