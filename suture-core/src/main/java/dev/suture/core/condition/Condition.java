package dev.suture.core.condition;

import java.util.List;
import java.util.Objects;

/**
 * A restricted boolean expression over a metric query's values, as used by {@code
 * successCondition} / {@code failureCondition}. Hand-parsed; it can only read the values.
 *
 * <pre>
 * condition  := or
 * or         := and ( "||" and )*
 * and        := not ( "&amp;&amp;" not )*
 * not        := "!" not | comparison
 * comparison := unary ( ( "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=" ) unary )?
 * unary      := "-" unary | primary
 * primary    := NUMBER | "true" | "false" | "NaN" | "Inf" | "(" or ")"
 *             | "result" "[" INDEX "]" | "len" "(" "result" ")"
 *             | ("all" | "any") "(" "result" "," "{" or "}" ")"    -- "#" is the value inside { }
 *             | ("isNaN" | "isInf") "(" or ")"
 * </pre>
 *
 * Comparisons follow IEEE 754: NaN compares false with everything, except {@code !=}. {@code
 * all} over no values is true and {@code any} false. Types are checked when parsing, and an
 * unknown name or misplaced token is a {@link ConditionException} naming its column.
 */
public final class Condition {
  private final String text;
  private final Expr expr;

  private Condition(String text, Expr expr) {
    this.text = text;
    this.expr = expr;
  }

  public static Condition parse(String text) {
    Objects.requireNonNull(text, "condition");
    if (text.isBlank()) throw new ConditionException(1, "condition is empty");
    return new Condition(text, Parser.parse(text));
  }

  /** True or false; a {@link ConditionException} when the values do not allow an answer (e.g. result[3] of 2). */
  public boolean test(List<Double> result) {
    return (Boolean) expr.eval(new Expr.Scope(List.copyOf(result), Double.NaN));
  }

  @Override public String toString() { return text; }
}
