package dev.suture.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  @ParameterizedTest(name = "{0} of {1} = {2}")
  @CsvSource({
      "1%, 10, 1",
      "25%, 10, 3",
      "10%, 10, 1",
      "50%, 10, 5",
      "33%, 3, 1",
      "34%, 3, 2",
      "100%, 7, 7",
      "0%, 10, 0",
      "50%, 0, 0",
      "1%, 1, 1",
      "5%, 200, 10"})
  void percentagesRoundUpSoASmallShareStillTakesATarget(String quantity, int total, int expected) {
    assertThat(Quantity.parse(quantity).of(total)).isEqualTo(expected);
  }

  @Test
  void aWholePercentageOfHundredIsExactlyThatMany() {
    for (int p = 0; p <= 100; p++)
      assertThat(new Quantity(p, true).of(100)).as("%d%% of 100", p).isEqualTo(p);
  }

  @Test
  void aCountIsTheCountWhateverTheTotal() {
    assertThat(Quantity.parse("3").of(10)).isEqualTo(3);
    assertThat(Quantity.parse(3).of(1000)).isEqualTo(3);
    assertThat(Quantity.parse("3").of(2)).as("callers clamp to what exists").isEqualTo(3);
  }

  @Test
  void readsCountsAndPercentagesWithSurroundingSpaces() {
    assertThat(Quantity.parse(" 25 % ")).isEqualTo(new Quantity(25, true));
    assertThat(Quantity.parse(" 4 ")).isEqualTo(new Quantity(4, false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "25%", "0", "100%"})
  void printsAsItIsWritten(String text) {
    assertThat(Quantity.parse(text)).hasToString(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "", "2.5", "%", "ten%", "5 percent"})
  void rejectsWhatIsNotACountOrAPercentage(String text) {
    assertThatThrownBy(() -> Quantity.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text.trim() + "'")
        .hasMessageContaining("is not a count or a percentage like 25%");
  }

  @Test
  void rejectsNegativeValuesAndPercentagesAbove100() {
    assertThatThrownBy(() -> Quantity.parse("-1")).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> Quantity.parse("101%")).hasMessageContaining("must be at most 100%");
  }

  @Test
  void allowsCountsAbove100() {
    assertThat(Quantity.parse("150").of(500)).isEqualTo(150);
  }
}
