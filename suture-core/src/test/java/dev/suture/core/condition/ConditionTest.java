package dev.suture.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {
  private static boolean eval(String condition, Double... values) { return Condition.parse(condition).test(List.of(values)); }

  @ParameterizedTest(name = "{0} on [0.5, 2] is {1}")
  @CsvSource(delimiterString = " ~ ", quoteCharacter = '"', value = {
      "result[0] < 1 ~ true",
      "result[1] >= 2 ~ true",
      "result[1] > 2 ~ false",
      "result[0] == 0.5 && result[1] != 0.5 ~ true",
      "len(result) == 2 ~ true",
      "all(result, {# > 0}) ~ true",
      "all(result, {# > 1}) ~ false",
      "any(result, {# > 1}) ~ true",
      "any(result, {# > 2 || # < 0.1}) ~ false",
      "-result[1] < -1.5 ~ true",
      "1e-3 < result[0] ~ true",
      "true ~ true",
      "!(result[0] < 1) ~ false",
      "(result[0] > 1) == false ~ true",
      // && binds tighter than ||: false || (true && true)
      "result[0] > 1 || result[0] < 1 && result[1] == 2 ~ true",
      // ... and ! tighter than &&: (!false) && false
      "!(result[0] > 1) && result[1] > 5 ~ false",
      // parentheses override: (true || false) && false
      "(result[0] < 1 || result[0] > 1) && result[1] > 5 ~ false",
  })
  void evaluates(String condition, boolean expected) {
    assertThat(eval(condition, 0.5, 2.0)).isEqualTo(expected);
  }

  @Test
  void nanComparesFalseExceptNotEqual() {
    assertThat(eval("result[0] < 1", Double.NaN)).isFalse();
    assertThat(eval("result[0] >= 1", Double.NaN)).isFalse();
    assertThat(eval("result[0] == NaN", Double.NaN)).isFalse();
    assertThat(eval("result[0] != result[0]", Double.NaN)).isTrue();
    assertThat(eval("isNaN(result[0])", Double.NaN)).isTrue();
    assertThat(eval("isNaN(result[0])", 1.0)).isFalse();
    assertThat(eval("isInf(result[0]) && result[0] > 1e308 && result[0] == Inf", Double.POSITIVE_INFINITY)).isTrue();
    assertThat(eval("all(result, {!isNaN(#)})", 1.0, Double.NaN)).isFalse();
  }

  @Test
  void quantifiersOverNoValues() {
    assertThat(eval("all(result, {# > 0})")).isTrue();
    assertThat(eval("any(result, {# > 0})")).isFalse();
  }

  @Test
  void andShortCircuitsSoAGuardedIndexIsSafe() {
    assertThat(eval("len(result) > 1 && result[1] > 0", 1.0)).isFalse();
  }

  @Test
  void anIndexBeyondTheValuesIsAnEvaluationErrorWithItsColumn() {
    assertThatThrownBy(() -> eval("len(result) > 0 && result[3] > 0", 1.0, 2.0))
        .isInstanceOf(ConditionException.class)
        .hasMessage("column 20: result[3] does not exist: the query returned 2 value(s)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ~ ", quoteCharacter = '"', value = {
      "result[0] < foo ~ 13 ~ unknown name 'foo'",
      "exec(result) ~ 1 ~ unknown name 'exec'",
      "result[0] < 1 && ~ 17 ~ unexpected end of condition",
      "result < 1 ~ 1 ~ 'result' is a list",
      "result[0] ~ 1 ~ the condition needs a boolean, not a number",
      "result[0] < 1 < 2 ~ 15 ~ unexpected '<'",
      "# > 1 ~ 1 ~ '#' is only allowed inside",
      "all(result, {# + 1}) ~ 16 ~ unexpected character '+'",
      "all(result, {#}) ~ 13 ~ the predicate needs a boolean",
      "all(result, {any(result, {# > 1})}) ~ 26 ~ cannot be nested",
      "result[0.5] > 1 ~ 8 ~ index must be a whole number",
      "true < false ~ 6 ~ needs numbers, not booleans",
      "true == 1 ~ 6 ~ compares a boolean with a number",
      "!result[0] ~ 1 ~ '!' needs a boolean",
      "(result[0] > 1 ~ 15 ~ expected ')'",
      "result[0] > 1 ; rm ~ 15 ~ unexpected character ';'",
      "len(other) > 1 ~ 5 ~ expected 'result', found 'other'",
      "isNaN(result[0] > 1) ~ 1 ~ isNaN() needs a number",
  })
  void rejectsWithTheColumn(String condition, int column, String words) {
    assertThatThrownBy(() -> Condition.parse(condition))
        .isInstanceOf(ConditionException.class)
        .hasMessageStartingWith("column " + column + ": ")
        .hasMessageContaining(words)
        .satisfies(e -> assertThat(((ConditionException) e).column()).isEqualTo(column));
  }

  @Test
  void rejectsAnEmptyCondition() {
    assertThatThrownBy(() -> Condition.parse("  ")).isInstanceOf(ConditionException.class).hasMessageContaining("empty");
  }
}
