package dev.suture.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MavenSchemeTest {
  final MavenScheme maven = new MavenScheme();

  /**
   * maven.txt lines where maven-artifact 3.9.16 (the version Suture pins and delegates to) answers differently from
   * the vector. Checked by running every line through the real 3.9.16, 4.0.0-rc-5 and 4.0.0-rc-6 jars:
   * <ul>
   *   <li>The three {@code final-redhat} / {@code sp} lines come from Maven 4's ComparableVersionTest (MNG-7714:
   *       "sp" after "final" even when the release qualifier follows a dot). Maven 3.9.16 orders
   *       {@code 1.0.final-redhat} after them; Maven 4 agrees with the vector.</li>
   *   <li>{@code 1-1 = 1-ga-1} is osv-scalibr's Go re-implementation; neither 3.9.16 nor 4.0.0-rc-5/rc-6 treats
   *       them as equal (both answer {@code >}).</li>
   * </ul>
   * The opposite case, line 761 ({@code 1-1.foo-bar-1-baz-0.1 = 1-1.foo-bar1baz-.1}), passes under 3.9.16 but not
   * under Maven 4 ({@code >}); {@link #pinnedToMaven39Behaviour()} guards both.
   */
  static final List<UpstreamVectors.Deviation> DEVIATIONS = List.of(
      maven39(">", "1.0.final-redhat < 1.0-sp1-redhat"),
      maven39(">", "1.0.final-redhat < 1.0-sp-1-redhat"),
      maven39(">", "1.0.final-redhat < 1.0-sp.1-redhat"),
      maven39(">", "1-1 = 1-ga-1"));

  private static UpstreamVectors.Deviation maven39(String answer, String line) {
    return new UpstreamVectors.Deviation(line, answer, "maven-artifact 3.9.16 answers " + answer);
  }

  @Test
  void passesEveryVectorInBothDirectionsExceptTheDocumentedDeviations() {
    UpstreamVectors.Result r = UpstreamVectors.check("maven.txt", maven, DEVIATIONS);
    System.out.println(r.summary());
    assertThat(r.failures()).isEmpty();
    assertThat(r.lines()).isEqualTo(r.agreeing() + DEVIATIONS.size());
  }

  @Test
  void pinnedToMaven39Behaviour() {
    // Maven 4.0.0-rc-6 answers '<' here (MNG-7714); 3.9.16 '>'. A dependency bump that changes this must be a decision.
    assertThat(maven.compare("1.0.final-redhat", "1.0-sp1-redhat")).isPositive();
    // Maven 4.0.0-rc-6 answers '>' here; 3.9.16 '=' (and the vector agrees).
    assertThat(maven.compare("1-1.foo-bar-1-baz-0.1", "1-1.foo-bar1baz-.1")).isZero();
    assertThat(maven.compare("1-1", "1-ga-1")).isPositive();
  }

  @Test
  void qualifiersSortInMavensOrder() {
    List<String> ordered = List.of("1-alpha", "1-alpha-1", "1-beta", "1-milestone", "1-rc", "1-SNAPSHOT", "1", "1-sp",
        "1-abc", "1-1", "1.1");
    List<String> sorted = new ArrayList<>(ordered);
    Collections.reverse(sorted);
    sorted.sort(maven);
    assertThat(sorted).containsExactlyElementsOf(ordered);
  }

  @Test
  void aliasesPaddingCaseAndLeadingZerosAreEqual() {
    assertThat(maven.compare("1.0.0", "1")).isZero(); // trailing zeros are padding
    assertThat(maven.compare("1-ga", "1")).isZero();
    assertThat(maven.compare("1-final", "1-release")).isZero();
    assertThat(maven.compare("1-cr1", "1-rc1")).isZero();
    assertThat(maven.compare("1a1", "1-alpha-1")).isZero();
    assertThat(maven.compare("1.0-ALPHA1", "1.0-alpha1")).isZero();
    assertThat(maven.compare("1.010", "1.10")).isZero();
    assertThat(maven.compare("00001", "1")).isZero();
  }

  @Test
  void numbersBeyondLongRangeCompareExactly() {
    assertThat(maven.compare("9223372036854775808", "9223372036854775807")).isPositive();
    assertThat(maven.compare("1.99999999999999999999999999991", "1.99999999999999999999999999999")).isNegative();
    assertThat(maven.compare("1.99999999999999999999999999999", "1.99999999999999999999999999999.0")).isZero();
    assertThat(maven.compare("1.10", "1.9")).isPositive();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", "empty"),
        Arguments.of("1.0 beta", "whitespace at position 4"),
        Arguments.of(" 1.0", "whitespace at position 1"),
        Arguments.of("1.0\t", "whitespace at position 4"),
        Arguments.of("1.0\u00a0", "whitespace at position 4"),
        Arguments.of("1.0\u0000", "control character at position 4"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsOnlyWhatCannotBeAMavenVersion(String version, String why) {
    assertThat(maven.isValid(version)).isFalse();
    assertThatThrownBy(() -> maven.compare(version, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessage("'" + version + "' is not a valid maven version: " + why);
    assertThatThrownBy(() -> maven.compare("1.0", version)).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void acceptsAnythingElseAsComparableVersionDoes() {
    for (String v : List.of("1", "1.0-SNAPSHOT", "v1.2", "-", ".", "2021-05-17T01-01-51-5ec03a8b", "1.0.final-redhat",
        "ünïcode", "[1.0,2.0)")) {
      assertThat(maven.isValid(v)).as(v).isTrue();
      assertThat(maven.compare(v, v)).as(v).isZero();
    }
    assertThat(maven.isValid(null)).isFalse();
    assertThatThrownBy(() -> maven.compare(null, "1")).isInstanceOf(InvalidVersionException.class);
  }
}
