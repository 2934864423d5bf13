package dev.suture.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmSchemeTest {
  private final RpmScheme rpm = new RpmScheme();

  /**
   * As rpm.txt's header says: section R1 (rpm's rpmvercmp.at) compares single version strings with
   * rpmvercmp(); R2-R4 compare full EVRs. R1's strings hold no ':' or '-', so they must also pass
   * as EVRs. Every line passes; no deviation is listed.
   */
  @Test
  void upstreamVectorsPassBothWays() {
    List<VersionVectors.Vector> all = VersionVectors.load("rpm.txt");
    Map<Boolean, List<VersionVectors.Vector>> bySection =
        all.stream().collect(Collectors.partitioningBy(v -> v.section().equals("R1")));
    List<VersionVectors.Vector> r1 = bySection.get(true);
    List<VersionVectors.Vector> evr = bySection.get(false);

    VersionVectors.Result single = VersionVectors.check("rpm.txt", r1, RpmScheme::rpmvercmp, Map.of());
    VersionVectors.Result singleAsEvr = VersionVectors.check("rpm.txt", r1, rpm::compare, Map.of());
    VersionVectors.Result full = VersionVectors.check("rpm.txt", evr, rpm::compare, Map.of());

    assertThat(single.failures()).isEmpty();
    assertThat(singleAsEvr.failures()).isEmpty();
    assertThat(full.failures()).isEmpty();
    assertThat(single.passed()).isEqualTo(91);
    assertThat(full.passed()).isEqualTo(176);
  }

  /**
   * The 12 #ODDITY lines (commented out upstream as "current, arguably buggy behaviors"):
   * Suture does what rpm does, because dnf/yum on the host decide with rpm's answer and a
   * "nicer" order would disagree with what the host installs. Each is checked both ways.
   */
  @Test
  void oddityLinesFollowRpm() throws IOException {
    List<String[]> oddities;
    try (InputStream in = getClass().getResourceAsStream("/versions/rpm.txt")) {
      oddities = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith("#ODDITY "))
          .map(l -> l.substring("#ODDITY ".length()).trim().split("\\s+"))
          .collect(Collectors.toList());
    }
    assertThat(oddities).hasSize(12);
    for (String[] o : oddities) {
      int expected = o[1].equals("<") ? -1 : o[1].equals(">") ? 1 : 0;
      assertThat(Integer.signum(RpmScheme.rpmvercmp(o[0], o[2]))).as(String.join(" ", o)).isEqualTo(expected);
      assertThat(Integer.signum(RpmScheme.rpmvercmp(o[2], o[0]))).as(String.join(" ", o)).isEqualTo(-expected);
      assertThat(Integer.signum(rpm.compare(o[0], o[2]))).as(String.join(" ", o)).isEqualTo(expected);
    }
    // RhBug:811992: a letter glued to a number compares against the next alphabetic segment.
    assertThat(RpmScheme.rpmvercmp("1b.fc17", "1.fc17")).isNegative();
    assertThat(RpmScheme.rpmvercmp("1g.fc17", "1.fc17")).isPositive();
    // Non-ASCII letters are separators, so these compare equal.
    assertThat(RpmScheme.rpmvercmp("1.1.α", "1.1.β")).isZero();
  }

  @Test
  void parseSplitsLikeParseEvr() {
    assertThat(rpm.parse("1:2.3-4.el9")).isEqualTo(new RpmScheme.Evr("1", "2.3", "4.el9"));
    assertThat(rpm.parse("2.3")).isEqualTo(new RpmScheme.Evr(null, "2.3", null));
    assertThat(rpm.parse(":2.3")).isEqualTo(new RpmScheme.Evr("0", "2.3", null));
    assertThat(rpm.parse("a:1")).isEqualTo(new RpmScheme.Evr(null, "a:1", null));
    assertThat(rpm.parse("1-2-3")).isEqualTo(new RpmScheme.Evr(null, "1-2", "3"));
    assertThat(rpm.parse("1-")).isEqualTo(new RpmScheme.Evr(null, "1", ""));
    assertThat(rpm.parse("+2-:")).isEqualTo(new RpmScheme.Evr(null, "+2", ":"));
    assertThat(rpm.parse("1:2.3-4.el9").toString()).isEqualTo("1:2.3-4.el9");
  }

  @Test
  void epochIsComparedAsAVersionStringAndAbsentMeansZero() {
    assertThat(rpm.compare("1:1.0", "2.0")).isPositive();
    assertThat(rpm.compare("0:1.0", "1.0")).isZero();
    assertThat(rpm.compare("007:1.0", "7:1.0")).isZero();
    assertThat(rpm.compare("99999999999999999999999:1", "99999999999999999999998:2")).isPositive();
  }

  @Test
  void missingReleaseSortsBeforeAnyRelease() {
    assertThat(rpm.compare("1.0", "1.0-0")).isNegative();
    assertThat(rpm.compare("1.0", "1.0-")).isNegative();
    assertThat(rpm.compare("1.0-1", "1.0-1")).isZero();
  }

  @Test
  void tildeAndCaret() {
    assertThat(RpmScheme.rpmvercmp("1.0~rc1", "1.0")).isNegative();
    assertThat(RpmScheme.rpmvercmp("1.0~rc1", "1.0~rc1~git1")).isPositive();
    assertThat(RpmScheme.rpmvercmp("1.0^git1", "1.0")).isPositive();
    assertThat(RpmScheme.rpmvercmp("1.0^git1", "1.0.1")).isNegative();
    assertThat(RpmScheme.rpmvercmp("1.0^", "1.0~")).isPositive();
    assertThat(RpmScheme.rpmvercmp("~", "")).isNegative();
    assertThat(RpmScheme.rpmvercmp("^", "")).isPositive();
  }

  @Test
  void numbersBeatLettersAndCompareByValueAtAnyLength() {
    assertThat(RpmScheme.rpmvercmp("1.0", "1.a")).isPositive();
    assertThat(RpmScheme.rpmvercmp("1.0a", "1.0")).isPositive();
    assertThat(RpmScheme.rpmvercmp("1.000000000000000000000000000000009", "1.9")).isZero();
    assertThat(RpmScheme.rpmvercmp("1.123456789012345678901234567890", "1.123456789012345678901234567889"))
        .isPositive();
    assertThat(RpmScheme.rpmvercmp("1.Z", "1.a")).isNegative();
    assertThat(RpmScheme.rpmvercmp("1.a", "1.aa")).isNegative();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "|empty",
      "1.0 |whitespace or control character at offset 3",
      "1\t0|whitespace or control character at offset 1",
      "1.0\u0000|whitespace or control character at offset 3",
  })
  void rejectsEmptyAndWhitespace(String version, String why) {
    String v = version == null ? "" : version;
    assertThat(rpm.isValid(v)).isFalse();
    assertThatThrownBy(() -> rpm.compare("1", v))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessage("'" + v + "' is not a valid rpm version: " + why);
    assertThat(rpm.isValid(null)).isFalse();
  }

  @Test
  void acceptsAnythingElseLikeRpm() {
    assertThat(rpm.isValid("a:1")).isTrue();
    assertThat(rpm.isValid("+")).isTrue();
    assertThat(rpm.isValid("1.1.α")).isTrue();
    assertThat(rpm.isValid("-")).isTrue();
  }
}
