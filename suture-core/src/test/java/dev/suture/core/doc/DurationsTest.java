package dev.suture.core.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "500ms, PT0.5S",
      "30s, PT30S",
      "15m, PT15M",
      "2h, PT2H",
      "1d, PT24H",
      "1h30m, PT1H30M",
      "1m30s, PT1M30S",
      "1h0m5s250ms, PT1H0M5.25S",
      "0s, PT0S",
      "' 5m ', PT5M"})
  void readsDurationsAsOperatorsWriteThem(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5 minutes", "5", "1h30", "-5m", "5M", "m", "1.5h", "PT5M", "5m 30s"})
  void rejectsAnythingElseWithAnExample(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("is not a duration like 30s, 15m or 1h30m");
  }

  @Test
  void rejectsAnEmptyDuration() {
    assertThatThrownBy(() -> Durations.parse("  ")).hasMessage("duration is empty");
  }

  @Test
  void rejectsAnOverflowingDurationWithTheUsualMessage() {
    for (String text : new String[] {"200000000000000d", "99999999999999999999s"})
      assertThatThrownBy(() -> Durations.parse(text))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "PT1H30M, 1h30m",
      "PT0.5S, 500ms",
      "PT1.5S, 1500ms",
      "PT90S, 1m30s",
      "PT2H, 2h",
      "PT24H, 24h",
      "PT0S, 0s",
      "PT1H0M5S, 1h5s"})
  void formatsTheShortestReadableForm(Duration d, String expected) {
    assertThat(Durations.format(d)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "30s", "15m", "2h", "1h30m", "1h1m1s", "36h", "7d", "1ms", "0s"})
  void formattedDurationsReadBackToTheSameValue(String text) {
    Duration d = Durations.parse(text);
    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }
}
