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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class Pep440SchemeTest {
  final Pep440Scheme pep440 = new Pep440Scheme();

  /**
   * pep440.txt lines with versions that are not PEP 440, all from block [P2] (osv-scalibr's test data, which
   * still follows packaging's removed LegacyVersion fallback). packaging 22+ raises InvalidVersion for them
   * (checked with packaging 26.2), and the brief asks for invalid versions to be rejected: Suture does too.
   */
  static final List<UpstreamVectors.Deviation> DEVIATIONS = List.of(
      legacy("0.1-bulbasaur < 0.1-charmander"),
      legacy("0.1-charmander < 0.9-doduo"),
      legacy("0.9-doduo < 0.9-eevee"),
      legacy("0.9-eevee < 0.9-fearow"),
      legacy("0.9-fearow < 0.9-gyarados"),
      legacy("0.9-gyarados < 0.9-horsea"),
      legacy("0.9-horsea < 0.9-ivysaur"),
      legacy("0.9-ivysaur < 1.0"),
      legacy("-class.-jw.util.version.version-pre < 1.0"),
      legacy("-class.-jw.util.version.version-preview < 1.0"),
      legacy("-class.-jw.util.version.version-dev < 1.0"));

  private static UpstreamVectors.Deviation legacy(String line) {
    return new UpstreamVectors.Deviation(line, UpstreamVectors.INVALID, "not PEP 440 (LegacyVersion ordering)");
  }

  @Test
  void passesEveryVectorInBothDirectionsExceptTheDocumentedDeviations() {
    UpstreamVectors.Result r = UpstreamVectors.check("pep440.txt", pep440, DEVIATIONS);
    System.out.println(r.summary());
    assertThat(r.failures()).isEmpty();
    assertThat(r.lines()).isEqualTo(r.agreeing() + DEVIATIONS.size());
  }

  @Test
  void packagingsSortedListStaysSorted() {
    List<String> ordered = List.of("1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456",
        "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5",
        "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1", "1!0.1");
    List<String> sorted = new ArrayList<>(ordered);
    Collections.reverse(sorted);
    sorted.sort(pep440);
    assertThat(sorted).containsExactlyElementsOf(ordered);
  }

  /** Each pair is equal under packaging (its normalised form in the comment of the CSV). */
  @ParameterizedTest
  @CsvSource({
      "1.0alpha1, 1.0a1", "1.0.BETA.2, 1.0b2", "1.0c1, 1.0rc1", "1.0pre1, 1.0rc1", "1.0-preview_1, 1.0rc1",
      "1.0rc, 1.0rc0", "1.0a., 1.0a0", "1.0-1, 1.0.post1", "1.0rev1, 1.0.post1", "1.0-r, 1.0.post0",
      "1.0post-1, 1.0.post1", "1.0.dev, 1.0.dev0", "1.0-dev, 1.0.dev0", "1.0a.-1, 1.0a0.post1",
      "1.0.post.dev1, 1.0.post0.dev1", "v1.0, 1.0", "V1.0, 1.0", "01!01.00, 1!1", "0!1.0, 1", "1.0.0.0.0, 1",
      "1.01, 1.1", "1.0+a_b-C.01, 1.0+a.b.c.1", "1.0+ABC, 1.0+abc", "1.0+007, 1.0+7", "1.0_c_1, 1.0rc1"})
  void alternateSpellingsNormaliseAsPackagingDoes(String a, String b) {
    assertThat(pep440.compare(a, b)).isZero();
    assertThat(pep440.compare(b, a)).isZero();
  }

  @Test
  void surroundingWhitespaceIsIgnoredAsPackagingsPatternAllows() {
    assertThat(pep440.compare(" 1.0\t", "1.0")).isZero();
    // Python's \s includes the no-break space; Java's isWhitespace does not.
    assertThat(pep440.compare("1.0\u00a0", "1.0")).isZero();
    assertThat(Pep440Scheme.isPythonSpace('\u0085')).isTrue();
    assertThat(Pep440Scheme.isPythonSpace('\u200b')).isFalse();
  }

  @Test
  void epochsOutrankEverything() {
    assertThat(pep440.compare("1!0.1", "999999.0")).isPositive();
    assertThat(pep440.compare("2!1.0", "1!9.0")).isPositive();
    assertThat(pep440.compare("0!1.0", "1.0")).isZero();
  }

  @Test
  void preDevAndPostReleasesOrderAsCmpkeyDoes() {
    assertThat(pep440.compare("1.0.dev1", "1.0a0")).isNegative(); // dev-only before any pre-release
    assertThat(pep440.compare("1.0a1.dev1", "1.0a1")).isNegative();
    assertThat(pep440.compare("1.0.post1.dev1", "1.0")).isPositive(); // post-dev is still after the release
    assertThat(pep440.compare("1.0.post1.dev1", "1.0.post1")).isNegative();
    assertThat(pep440.compare("1.0rc1.post1", "1.0")).isNegative();
    assertThat(pep440.compare("1.0", "1.0+local")).isNegative();
    assertThat(pep440.compare("1.0+abc", "1.0+1")).isNegative(); // strings before numbers in local labels
    assertThat(pep440.compare("1.0+1.abc", "1.0+1")).isPositive(); // a longer label wins a tie
  }

  @Test
  void numbersBeyondLongRangeCompareExactly() {
    String big = "9223372036854775808"; // Long.MAX_VALUE + 1
    assertThat(pep440.compare(big, "9223372036854775807")).isPositive();
    assertThat(pep440.compare("1." + big, "1.9223372036854775807")).isPositive();
    assertThat(pep440.compare(big + "!1", "9223372036854775807!1")).isPositive();
    assertThat(pep440.compare("1.0a" + big, "1.0a9223372036854775807")).isPositive();
    assertThat(pep440.compare("1.0.post" + big, "1.0.post99")).isPositive();
    assertThat(pep440.compare("1.0.dev" + big, "1.0.dev99")).isPositive();
    assertThat(pep440.compare("1.0+" + big, "1.0+99")).isPositive();
    assertThat(pep440.compare("1.0+000" + big, "1.0+" + big)).isZero();
    assertThat(pep440.compare("0000" + big, big)).isZero();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", "empty"),
        Arguments.of("   ", "empty"),
        Arguments.of("v", "no release number"),
        Arguments.of("1!", "no release number"),
        Arguments.of(".1", "expected a release number such as 1.0 at position 1, found '.'"),
        Arguments.of("x1.0", "expected a release number such as 1.0 at position 1, found 'x'"),
        Arguments.of("1..0", "unexpected character '.' at position 2"),
        Arguments.of("1.0.x", "unexpected character '.' at position 4"),
        Arguments.of("1.0-", "unexpected character '-' at position 4"),
        Arguments.of("1.0a1b2", "unexpected character 'b' at position 6"),
        Arguments.of("1.0-1-1", "unexpected character '-' at position 6"),
        Arguments.of("1.0+", "the local version label after '+' must be letters and digits, found nothing"),
        Arguments.of("1.0++a", "the local version label after '+' must be letters and digits, found '+'"),
        Arguments.of("1.0+abc.", "unexpected character '.' at position 8"),
        Arguments.of("1.0+a..b", "unexpected character '.' at position 6"),
        Arguments.of("1.0 a1", "unexpected character ' ' at position 4"),
        // regionMatches(ignoreCase) would fold U+017F LATIN SMALL LETTER LONG S to 's'; packaging's (?a:) does not
        Arguments.of("1.0.\u017fost", "unexpected character '.' at position 4"),
        Arguments.of("0.9-doduo", "unexpected character '-' at position 4"),
        Arguments.of("-class.-jw.util.version.version-pre",
            "expected a release number such as 1.0 at position 1, found '-'"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsWhatPackagingRejectsWithAReason(String version, String why) {
    assertThat(pep440.isValid(version)).isFalse();
    assertThatThrownBy(() -> pep440.compare(version, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessage("'" + version + "' is not a valid pep440 version: " + why);
    assertThatThrownBy(() -> pep440.compare("1.0", version)).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void nullIsInvalid() {
    assertThat(pep440.isValid(null)).isFalse();
    assertThatThrownBy(() -> pep440.compare("1.0", null)).isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("no version given");
  }

  @Test
  void parsesIntoNormalisedParts() {
    Pep440Scheme.Version v = pep440.parse("v01!1.02.0-PREVIEW_3.r-4-DEV+Ubuntu-01");
    assertThat(v.epoch()).isEqualTo("1");
    assertThat(v.release()).containsExactly("1", "2", "0");
    assertThat(v.preLabel()).isEqualTo("rc");
    assertThat(v.preNumber()).isEqualTo("3");
    assertThat(v.post()).isEqualTo("4");
    assertThat(v.dev()).isEqualTo("0");
    assertThat(v.local()).containsExactly("ubuntu", "1");
  }
}
