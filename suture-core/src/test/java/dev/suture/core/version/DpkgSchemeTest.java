package dev.suture.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DpkgSchemeTest {
  private final DpkgScheme dpkg = new DpkgScheme();

  /**
   * Every line of both files passes as written, so no deviation is listed. The counts catch a
   * truncated or emptied file.
   */
  @ParameterizedTest
  @CsvSource({"dpkg.txt, 146", "dpkg-real-pairs.txt, 14442"})
  void upstreamVectorsPassBothWays(String file, int lines) {
    VersionVectors.Result result = VersionVectors.check(file, dpkg::compare, Map.of());
    assertThat(result.failures()).isEmpty();
    assertThat(result.passed()).isEqualTo(lines);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'': {1}")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "|version string is empty",
      " \t |version string is empty",
      "1 0|version string has embedded spaces",
      "a:1|epoch in version is empty",
      ":1|epoch in version is empty",
      "1.0:2|epoch in version is not number",
      "-1:2|epoch in version is negative",
      "99999999999:1|epoch in version is too big",
      "1:|nothing after colon in version number",
      "1.0-|revision number is empty",
      "1:-1|version number is empty",
      "-1|version number is empty",
      "a1|version number does not start with digit",
      "~1|version number does not start with digit",
      "1_0|invalid character in version number",
      "1.0é|invalid character in version number",
      "1.0-a_b|invalid character in revision number",
      "1.0-1=2|invalid character in revision number",
      "1.0-1:2|epoch in version is not number",
  })
  void rejectsWhatDpkgRejectsWithDpkgsMessage(String version, String why) {
    String v = version == null ? "" : version;
    assertThat(dpkg.isValid(v)).isFalse();
    assertThatThrownBy(() -> dpkg.compare(v, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessage("'" + v + "' is not a valid dpkg version: " + why)
        .satisfies(e -> assertThat(((InvalidVersionException) e).scheme()).isEqualTo("dpkg"));
    assertThatThrownBy(() -> dpkg.compare("1.0", v)).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void nullIsInvalid() {
    assertThat(dpkg.isValid(null)).isFalse();
    assertThatThrownBy(() -> dpkg.compare(null, "1")).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void acceptsWhatDpkgAccepts() {
    // dpkg trims blanks, reads the epoch with strtol() (so a '+' sign, or '-' on a zero epoch,
    // passes) and allows ':' and '-' inside the upstream part.
    assertThat(dpkg.compare(" 1.0\t", "1.0")).isZero();
    assertThat(dpkg.compare("+1:0", "1:0")).isZero();
    assertThat(dpkg.compare("-0:1", "1")).isZero();
    assertThat(dpkg.isValid("1:2:3")).isTrue();
    assertThat(dpkg.parse("7:1-a:b-5")).isEqualTo(new DpkgScheme.Version(7, "1-a:b", "5"));
    assertThat(dpkg.parse("2147483647:1").epoch()).isEqualTo(Integer.MAX_VALUE);
    assertThat(dpkg.isValid("2147483648:1")).isFalse();
  }

  @Test
  void parseSplitsAtFirstColonAndLastHyphen() {
    assertThat(dpkg.parse("1:2.30-1ubuntu4.2")).isEqualTo(new DpkgScheme.Version(1, "2.30", "1ubuntu4.2"));
    assertThat(dpkg.parse("2.30")).isEqualTo(new DpkgScheme.Version(0, "2.30", ""));
    assertThat(dpkg.parse("1.2-3-4").revision()).isEqualTo("4");
    assertThat(dpkg.parse("0:1.0-0").toString()).isEqualTo("1.0-0");
  }

  @Test
  void epochDecidesFirst() {
    assertThat(dpkg.compare("1:0.1", "9.9")).isPositive();
    assertThat(dpkg.compare("00001:1", "1:1")).isZero();
    assertThat(dpkg.compare("0:9", "9")).isZero();
  }

  @Test
  void tildeSortsBeforeEverythingEvenTheEnd() {
    List<String> sorted = sorted("1.0+", "1.0", "1.0~", "1.0~~", "1.0a", "1.0~rc1", "1.0.1");
    assertThat(sorted).containsExactly("1.0~~", "1.0~", "1.0~rc1", "1.0", "1.0a", "1.0+", "1.0.1");
  }

  @Test
  void lettersSortBeforeOtherCharactersInAsciiOrder() {
    assertThat(dpkg.compare("1.0Z", "1.0a")).isNegative();
    assertThat(dpkg.compare("1.0z", "1.0+")).isNegative();
    assertThat(dpkg.compare("1.0+", "1.0.")).isNegative(); // '+' (43) < '.' (46)
    assertThat(dpkg.compare("1.0a", "1.0")).isPositive();
  }

  @Test
  void leadingZerosAreIgnoredAndAbsentRevisionIsZero() {
    assertThat(dpkg.compare("1.007", "1.7")).isZero();
    assertThat(dpkg.compare("1.0-0", "1.0")).isZero();
    assertThat(dpkg.compare("1.0-00", "1.0-0")).isZero();
    assertThat(dpkg.compare("1.0-0.1", "1.0")).isPositive();
  }

  @Test
  void numbersLongerThanALongCompareByValue() {
    String big = "1.123456789012345678901234567890";
    assertThat(dpkg.compare(big, "1.123456789012345678901234567889")).isPositive();
    assertThat(dpkg.compare(big, "1.0000" + big.substring(2))).isZero();
    assertThat(dpkg.compare("1.99999999999999999999", "1.100000000000000000000")).isNegative();
    assertThat(dpkg.compare("1-99999999999999999999999", "1-100000000000000000000000")).isNegative();
  }

  @Test
  void sortsAsAComparator() {
    List<String> sorted = sorted("2.0-1", "1:0.1", "2.0~rc1-1", "2.0-1+deb12u1", "2.0-1~bpo11+1");
    assertThat(sorted).containsExactly("2.0~rc1-1", "2.0-1~bpo11+1", "2.0-1", "2.0-1+deb12u1", "1:0.1");
  }

  private List<String> sorted(String... versions) {
    List<String> list = new ArrayList<>(List.of(versions));
    list.sort(dpkg);
    return list;
  }
}
