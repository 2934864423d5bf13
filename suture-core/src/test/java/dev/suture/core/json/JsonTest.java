package dev.suture.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void writesObjectsWithSortedKeysAndNoWhitespace() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zeta", 1);
    m.put("alpha", List.of(true, false));
    m.put("Mid", null);
    assertThat(Json.write(m)).isEqualTo("{\"Mid\":null,\"alpha\":[true,false],\"zeta\":1}");
  }

  @Test
  void sortsKeysOfNestedObjectsToo() {
    assertThat(Json.write(Map.of("b", List.of(Map.of("y", 1, "x", 2)), "a", Map.of("d", 3, "c", 4))))
        .isEqualTo("{\"a\":{\"c\":4,\"d\":3},\"b\":[{\"x\":2,\"y\":1}]}");
  }

  @Test
  void writesTheSameBytesForEqualMapsOfAnyKind() {
    Map<String, Object> tree = new TreeMap<>(Map.of("k1", 1, "k2", "two", "k3", List.of()));
    Map<String, Object> hash = new HashMap<>(tree);
    Map<String, Object> linked = new LinkedHashMap<>();
    linked.put("k3", List.of());
    linked.put("k1", 1);
    linked.put("k2", "two");
    assertThat(Json.write(hash)).isEqualTo(Json.write(tree)).isEqualTo(Json.write(linked));
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(Json.write("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
    assertThat(Json.write("a\nb\rc\td")).isEqualTo("\"a\\nb\\rc\\td\"");
    assertThat(Json.write("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
  }

  @Test
  void keepsUnicodeAsIs() {
    assertThat(Json.write("é € \uD83D\uDD25 ü")).isEqualTo("\"é € \uD83D\uDD25 ü\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "quote \" and \\ backslash", "tab\tnew\nline\rcr", "\u0000\u0007\u001b\u007f",
      "é € \uD83D\uDD25", "\u2028\u2029", "{\"looks\":\"like json\"}", "\\u0041"})
  void readsBackEveryStringItWrites(String s) {
    assertThat(Json.read(Json.write(s))).isEqualTo(s);
  }

  @Test
  void readsEscapesOtherWritersUse() {
    assertThat(Json.read("\"\\u00e9\\ud83d\\udd25\\/\\b\\f\"")).isEqualTo("é\uD83D\uDD25/\b\f");
  }

  @Test
  void roundTripsNestedMapsAndLists() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "web-1");
    value.put("ok", true);
    value.put("nothing", null);
    value.put("count", 42L);
    value.put("ratio", 0.25);
    value.put("labels", Map.of("role", "web", "tier", "front"));
    value.put("targets", List.of(Map.of("seq", 0L, "tags", List.of()), Map.of("seq", 1L, "tags", List.of("a", "b"))));
    value.put("empty", Map.of());

    Object back = Json.read(Json.write(value));

    assertThat(back).isEqualTo(value);
    assertThat(Json.write(back)).isEqualTo(Json.write(value));
  }

  @Test
  void writesNumbersPlainly() {
    assertThat(Json.write(List.of(42, -7L, 1.5, 2.0, -0.25, 0, Long.MAX_VALUE)))
        .isEqualTo("[42,-7,1.5,2,-0.25,0," + Long.MAX_VALUE + "]");
    assertThat(Json.write(new BigDecimal("12.50"))).isEqualTo("12.50");
    assertThat(Json.write(1e20)).isEqualTo("1.0E20");
  }

  @Test
  void readsWholeNumbersAsLongsAndTheRestAsDoubles() {
    assertThat(Json.read("[1, -2, 3.5, 1e3, -1.5E-2, 9223372036854775807]"))
        .isEqualTo(List.of(1L, -2L, 3.5, 1000.0, -0.015, Long.MAX_VALUE));
  }

  @Test
  void writesEnumsByNameAndOtherObjectsAsText() {
    assertThat(Json.write(Map.of("state", Thread.State.RUNNABLE, "list", Arrays.asList(1, null))))
        .isEqualTo("{\"list\":[1,null],\"state\":\"RUNNABLE\"}");
    assertThat(Json.write(java.time.Duration.ofMinutes(5))).isEqualTo("\"PT5M\"");
  }

  @Test
  void toleratesWhitespaceBetweenTokens() {
    assertThat(Json.read(" { \"a\" : [ 1 , 2 ] ,\n\t\"b\" : { } } ")).isEqualTo(Map.of("a", List.of(1L, 2L), "b", Map.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[1,]", "{\"a\" 1}", "{a:1}", "1 2", "tru", "[1 2]", "\"open", "{\"a\":1,}", "-"})
  void rejectsMalformedText(String text) {
    assertThatThrownBy(() -> Json.read(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void saysWhereTheTextWentWrong() {
    assertThatThrownBy(() -> Json.read("[1, 2] x")).hasMessageContaining("invalid JSON at 7").hasMessageContaining("trailing");
  }

  @Test
  void readObjectRefusesAnythingButAnObject() {
    assertThat(Json.readObject("{\"a\":\"b\"}")).isEqualTo(Map.of("a", "b"));
    assertThatThrownBy(() -> Json.readObject("[1]")).hasMessageContaining("not an object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"abc\\", "\"\\u12"})
  void rejectsATruncatedEscapeAsMalformed(String text) {
    assertThatThrownBy(() -> Json.read(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void neverWritesTextItCannotReadBack(double d) {
    assertThatCode(() -> {
      String text;
      try {
        text = Json.write(Map.of("value", d));
      } catch (IllegalArgumentException refused) {
        return;
      }
      Json.read(text);
    }).doesNotThrowAnyException();
  }
}
