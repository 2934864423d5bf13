package dev.suture.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerSchemeTest {
  final SemVerScheme semver = new SemVerScheme();

  /**
   * semver.txt lines Suture answers differently, all from block [S4] (osv-scalibr's lenient Go parser, which
   * strips a 'v' prefix and accepts any number of dot-separated numbers). SemVer 2.0.0's grammar and OSV's
   * schema ("SemVer 2.0.0, with no leading v") allow neither, and the brief asks for strict parsing: Suture
   * rejects these versions with InvalidVersionException. Stripping the 'v' would give the vector's answer on
   * every one of them. See docs/versions-languages.md.
   */
  static final List<UpstreamVectors.Deviation> DEVIATIONS = List.of(
      strict("v0.0.0 > 0.0.0-foo"),
      strict("v0.0.1 > 0.0.0"),
      strict("v1.0.0 > 0.9.9"),
      strict("v0.10.0 > 0.9.0"),
      strict("v0.99.0 > 0.10.0"),
      strict("v2.0.0 > 1.2.3"),
      strict("0.0.0 > v0.0.0-foo"),
      strict("0.0.1 > v0.0.0"),
      strict("1.0.0 > v0.9.9"),
      strict("0.10.0 > v0.9.0"),
      strict("0.99.0 > v0.10.0"),
      strict("2.0.0 > v1.2.3"),
      strict("0.0.0-foo < v0.0.0"),
      strict("0.0.0 < v0.0.1"),
      strict("0.9.9 < v1.0.0"),
      strict("0.9.0 < v0.10.0"),
      strict("0.10.0 < v0.99.0"),
      strict("1.2.3 < v2.0.0"),
      strict("v0.0.0-foo < 0.0.0"),
      strict("v0.0.0 < 0.0.1"),
      strict("v0.9.9 < 1.0.0"),
      strict("v0.9.0 < 0.10.0"),
      strict("v0.10.0 < 0.99.0"),
      strict("v1.2.3 < 2.0.0"),
      strict("1.2.3 = v1.2.3"),
      strict("1.2.3-0 = v1.2.3-0"),
      strict("1.2.3-1 = v1.2.3-1"),
      strict("1.2.3-beta = v1.2.3-beta"),
      strict("v1.2.3+build = 1.2.3+otherbuild"),
      // One number is not MAJOR.MINOR.PATCH (the three-part form of the same numbers is on the next line and passes).
      new UpstreamVectors.Deviation("999999999999999999999999999991 < 999999999999999999999999999999",
          UpstreamVectors.INVALID, "not MAJOR.MINOR.PATCH"),
      // Five components are not SemVer.
      new UpstreamVectors.Deviation("1.1.3.4.5 = 1.1.3.4.5", UpstreamVectors.INVALID, "not MAJOR.MINOR.PATCH"));

  private static UpstreamVectors.Deviation strict(String line) {
    return new UpstreamVectors.Deviation(line, UpstreamVectors.INVALID, "'v' prefix is not SemVer 2.0.0");
  }

  @Test
  void passesEveryVectorInBothDirectionsExceptTheDocumentedDeviations() {
    UpstreamVectors.Result r = UpstreamVectors.check("semver.txt", semver, DEVIATIONS);
    System.out.println(r.summary());
    assertThat(r.failures()).isEmpty();
    assertThat(r.lines()).isEqualTo(r.agreeing() + DEVIATIONS.size());
  }

  @Test
  void theSpecPrecedenceChainIsOrdered() {
    List<String> chain = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
    List<String> shuffled = new ArrayList<>(chain);
    java.util.Collections.reverse(shuffled);
    shuffled.sort(semver);
    assertThat(shuffled).containsExactlyElementsOf(chain);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", "empty"),
        Arguments.of("v1.2.3", "a 'v' prefix is not part of SemVer 2.0.0"),
        Arguments.of("1.2", "the version core must be MAJOR.MINOR.PATCH"),
        Arguments.of("1", "the version core must be MAJOR.MINOR.PATCH"),
        Arguments.of("1.2.3.4", "the version core must be exactly MAJOR.MINOR.PATCH"),
        Arguments.of("01.2.3", "the major version has a leading zero"),
        Arguments.of("1.02.3", "the minor version has a leading zero"),
        Arguments.of("1.2.03", "the patch version has a leading zero"),
        Arguments.of("1.2.x", "the patch version must be a number (MAJOR.MINOR.PATCH)"),
        Arguments.of("a.b.c", "the major version must be a number (MAJOR.MINOR.PATCH)"),
        Arguments.of("1.2.3-", "pre-release identifiers must not be empty"),
        Arguments.of("1.2.3-a..b", "pre-release identifiers must not be empty"),
        Arguments.of("1.2.3-01", "numeric pre-release identifiers must not have leading zeros"),
        Arguments.of("1.2.3-a.00", "numeric pre-release identifiers must not have leading zeros"),
        Arguments.of("1.2.3+", "build metadata identifiers must not be empty"),
        Arguments.of("1.2.3+a..b", "build metadata identifiers must not be empty"),
        Arguments.of("1.2.3+a+b", "unexpected character '+' at position 8"),
        Arguments.of("1.2.3-a_b", "unexpected character '_' at position 8"),
        Arguments.of(" 1.2.3", "the major version must be a number (MAJOR.MINOR.PATCH)"),
        Arguments.of("1.2.3 ", "unexpected character ' ' at position 6"),
        Arguments.of("1.2.3-é", "unexpected character 'é' at position 7"),
        Arguments.of("١.2.3", "the major version must be a number (MAJOR.MINOR.PATCH)")); // Arabic-Indic digit
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsWhatIsNotSemVerWithTheReason(String version, String why) {
    assertThat(semver.isValid(version)).isFalse();
    assertThatThrownBy(() -> semver.compare(version, "1.0.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessage("'" + version + "' is not a valid semver version: " + why);
    assertThatThrownBy(() -> semver.compare("1.0.0", version)).isInstanceOf(InvalidVersionException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0", "1.2.3-0", "1.2.3-0a", "1.2.3-a-b.--", "1.2.3-x.7.z.92", "1.2.3+001",
      "1.2.3+exp.sha.5114f85", "1.0.0-alpha+001", "1.0.0+20130313144700", "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
      "99999999999999999999999.999999999999999999999999.9999999999999999999999"})
  void acceptsValidSemVer(String version) {
    assertThat(semver.isValid(version)).isTrue();
    assertThat(semver.compare(version, version)).isZero();
  }

  @Test
  void nullIsInvalid() {
    assertThat(semver.isValid(null)).isFalse();
    assertThatThrownBy(() -> semver.compare(null, "1.0.0")).isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("no version given");
  }

  @Test
  void buildMetadataIsIgnoredForPrecedence() {
    assertThat(semver.compare("1.0.0+a", "1.0.0+b")).isZero();
    assertThat(semver.compare("1.0.0-rc.1+build.1", "1.0.0-rc.1")).isZero();
    assertThat(semver.compare("1.0.0+zzz", "1.0.1+aaa")).isNegative();
    assertThat(semver.parse("1.0.0-rc.1+build.1").build()).isEqualTo("build.1");
  }

  @Test
  void numbersBeyondLongRangeCompareAsNumbersNotOverflow() {
    String big = "9223372036854775808"; // Long.MAX_VALUE + 1
    assertThat(semver.compare(big + ".0.0", "9223372036854775807.0.0")).isPositive();
    assertThat(semver.compare("1.0.0", "100000000000000000000000000000.0.0")).isNegative();
    assertThat(semver.compare("1.0.0-" + big, "1.0.0-9223372036854775807")).isPositive();
    assertThat(semver.compare("1.0.0-18446744073709551616", "1.0.0-18446744073709551615")).isPositive();
    // 10 sorts after 9 (numeric, not lexical) in every position
    assertThat(semver.compare("1.10.0", "1.9.0")).isPositive();
    assertThat(semver.compare("1.0.0-10", "1.0.0-9")).isPositive();
  }

  @Test
  void numericIdentifiersSortBeforeAlphanumericOnesWhichCompareInAscii() {
    assertThat(semver.compare("1.0.0-999", "1.0.0-0a")).isNegative(); // "0a" is alphanumeric
    assertThat(semver.compare("1.0.0-Z", "1.0.0-a")).isNegative(); // ASCII: upper case first
    assertThat(semver.compare("1.0.0--", "1.0.0-0")).isPositive(); // '-' alone is alphanumeric
    assertThat(semver.compare("1.0.0-a.b", "1.0.0-a")).isPositive(); // a longer list wins
    assertThat(semver.compare("1.0.0-alpha", "1.0.0-alpha.0")).isNegative();
  }

  @Test
  void buildIdentifiersMayHaveLeadingZerosButPreReleaseOnesMayNot() {
    assertThat(semver.isValid("1.0.0+01")).isTrue();
    assertThat(semver.isValid("1.0.0-01")).isFalse();
    assertThat(semver.isValid("1.0.0-0")).isTrue();
  }

  @Test
  void parsesIntoParts() {
    SemVerScheme.Version v = semver.parse("10.20.30-rc.1.x-y+meta.001");
    assertThat(v.major()).isEqualTo("10");
    assertThat(v.minor()).isEqualTo("20");
    assertThat(v.patch()).isEqualTo("30");
    assertThat(v.preRelease()).containsExactly("rc", "1", "x-y");
    assertThat(v.build()).isEqualTo("meta.001");
  }
}
