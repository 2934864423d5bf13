package dev.suture.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void writesScalars() {
    assertThat(Json.write(null)).isEqualTo("null");
    assertThat(Json.write(true)).isEqualTo("true");
    assertThat(Json.write(42)).isEqualTo("42");
    assertThat(Json.write(-7L)).isEqualTo("-7");
    assertThat(Json.write(1.5)).isEqualTo("1.5");
    assertThat(Json.write(new BigDecimal("1E+3"))).isEqualTo("1E+3");
    assertThat(Json.write("plain")).isEqualTo("\"plain\"");
    assertThat(Json.write(Thread.State.NEW)).isEqualTo("\"NEW\"");
  }

  @Test
  void writesContainersInIterationOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", List.of(1, 2));
    m.put("b", Map.of());
    m.put("c", null);
    assertThat(Json.write(m)).isEqualTo("{\"a\":[1,2],\"b\":{},\"c\":null}");
    assertThat(Json.write(List.of())).isEqualTo("[]");
  }

  @Test
  void escapesQuotesBackslashesAndNewlines() {
    assertThat(Json.write("a\"b\\c\nd\re\tf\bg\fh")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\"");
  }

  @Test
  void escapesEveryControlCharacter() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x20; c++) all.append(c);
    String json = Json.write(all.toString());
    assertThat(json).doesNotContainPattern("[\\x00-\\x1f]").contains("\\u0000", "\\u0001", "\\u001f");
    assertThat(JSON.readValue(json, String.class)).isEqualTo(all.toString());
  }

  @Test
  void keepsNonAsciiButEscapesLineSeparatorsAndLoneSurrogates() {
    assertThat(Json.write("é€😀")).isEqualTo("\"é€😀\"");
    assertThat(Json.write("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    assertThat(Json.write("x\ud800y")).isEqualTo("\"x\\ud800y\"");
    assertThat(Json.write("\udc00")).isEqualTo("\"\\udc00\"");
  }

  @Test
  void roundTripsThroughAnIndependentParser() {
    Map<String, Object> m = new HashMap<>();
    m.put("text", "quote \" slash / back \\ tab \t nul \u0000 emoji 😀");
    m.put("list", List.of(1, 2.5, "three", false));
    m.put("nested", Map.of("deeper", Map.of("n", 123456789012L)));
    assertThat(JSON.readValue(Json.write(m), Map.class)).isEqualTo(m);
  }

  @Test
  void refusesWhatJsonCannotSay() {
    assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.write(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.write(Map.of(1, "x"))).hasMessageContaining("keys must be strings");
    assertThatThrownBy(() -> Json.write(new Object())).hasMessageContaining("java.lang.Object");
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatThrownBy(() -> Json.write(cycle)).hasMessageContaining("nested deeper");
  }
}
