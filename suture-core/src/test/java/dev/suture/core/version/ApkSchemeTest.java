package dev.suture.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApkSchemeTest {
  private final ApkScheme apk = new ApkScheme();

  /**
   * The 12 lines of section [A2] (osv-scalibr's fixture, written against apk 2.x) on which apk
   * 3.x answers differently, as apk.txt's header records. All involve versions that apk itself
   * calls invalid: 3.x stops comparing at the first invalid token. Suture's compare() refuses
   * them (see invalidLinesAreRefusedByCompare); compareAsApk() gives 3.x's answer, the value
   * here, checked in apk3AnswersOnTheDeviatingLines.
   */
  private static final Map<String, String> APK3_DIFFERS = new LinkedHashMap<>();

  static {
    String why = "apk 2.x answer on an invalid version; apk 3.x answers ";
    APK3_DIFFERS.put("1-r = 1-r0", why + "<");
    APK3_DIFFERS.put("0..1..0 < 0..1..1", why + "=");
    APK3_DIFFERS.put("0...1...0 < 0...1...1", why + "=");
    APK3_DIFFERS.put("0...1...0.r1 < 0...1...0.r2", why + "=");
    APK3_DIFFERS.put("0...1...0r1 < 0...1...0r2", why + "=");
    APK3_DIFFERS.put("0..8 > 0...8", why + "=");
    APK3_DIFFERS.put("0.8.21.r2 > 0.8.21.r1", why + "=");
    APK3_DIFFERS.put("6.6.2p1 < 6.6.2p2", why + "=");
    APK3_DIFFERS.put("1-r0-1 = 1-r-2", why + ">");
    APK3_DIFFERS.put(".2 > .1", why + "=");
    APK3_DIFFERS.put("a < b", why + "=");
    APK3_DIFFERS.put("c > b", why + "=");
  }

  /**
   * Every line both ways: lines whose versions are both valid through compare(), the others
   * through compareAsApk() (apk's own answer on invalid input). Only the 12 listed lines differ.
   */
  @Test
  void upstreamVectorsPassBothWays() {
    VersionVectors.Result result = VersionVectors.check("apk.txt",
        (a, b) -> apk.isValid(a) && apk.isValid(b) ? apk.compare(a, b) : apk.compareAsApk(a, b),
        APK3_DIFFERS);
    assertThat(result.failures()).isEmpty();
    assertThat(result.checked()).isEqualTo(1516);
    assertThat(result.passed()).isEqualTo(1516 - 12);
  }

  @Test
  void apk3AnswersOnTheDeviatingLines() {
    for (Map.Entry<String, String> e : APK3_DIFFERS.entrySet()) {
      String[] p = e.getKey().split(" ");
      String op = e.getValue().substring(e.getValue().length() - 1);
      int expected = op.equals("<") ? -1 : op.equals(">") ? 1 : 0;
      assertThat(Integer.signum(apk.compareAsApk(p[0], p[2]))).as(e.getKey()).isEqualTo(expected);
      assertThat(Integer.signum(apk.compareAsApk(p[2], p[0]))).as(e.getKey()).isEqualTo(-expected);
      assertThat(apk.isValid(p[0]) && apk.isValid(p[2])).as(e.getKey()).isFalse();
      assertThatThrownBy(() -> apk.compare(p[0], p[2])).isInstanceOf(InvalidVersionException.class);
    }
  }

  @Test
  void invalidLinesAreRefusedByCompare() {
    int invalid = 0;
    for (VersionVectors.Vector v : VersionVectors.load("apk.txt")) {
      if (apk.isValid(v.a()) && apk.isValid(v.b())) continue;
      invalid++;
      assertThatThrownBy(() -> apk.compare(v.a(), v.b())).as(v.toString())
          .isInstanceOf(InvalidVersionException.class);
    }
    assertThat(invalid).isEqualTo(INVALID_LINES);
  }

  /** Lines of apk.txt with at least one invalid version (counted once, kept so a change shows). */
  private static final int INVALID_LINES = 39;

  /** apk-tools' own validity list, kept as a comment line at the end of apk.txt. */
  @Test
  void upstreamValidityLines() throws IOException {
    String line;
    try (InputStream in = getClass().getResourceAsStream("/versions/apk.txt")) {
      line = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .dropWhile(l -> !l.startsWith("## apk-tools validity lines"))
          .skip(1).findFirst().orElseThrow();
    }
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (String item : line.substring(1).trim().split("\\s+")) {
      boolean mustBeValid = !item.startsWith("!");
      String version = mustBeValid ? item : item.substring(1);
      n++;
      if (apk.isValid(version) != mustBeValid) failures.add(item);
    }
    assertThat(failures).isEmpty();
    assertThat(n).isEqualTo(31);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'': {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false, value = {
      "|empty",
      "a|must start with a digit",
      ".1|must start with a digit",
      "0.1bc|letter 'c' at offset 4 may only follow a number",
      "0.1a1|digit at offset 4 may not follow a letter, hash or revision",
      "0.1a.1|'.' at offset 4 may only follow a number",
      "1.|'.' at offset 1 must be followed by digits",
      "0..8|'.' at offset 1 must be followed by digits",
      "0.1_foobar|suffix '_foobar' at offset 3 is not one of _alpha, _beta, _pre, _rc, _cvs, _svn, _git, _hg, _p",
      "0.1_|suffix '_' at offset 3 is not one of _alpha, _beta, _pre, _rc, _cvs, _svn, _git, _hg, _p",
      "0.1_pre2~|'~' at offset 8 must be followed by lowercase hex digits",
      "0.1~ab~cd|'~' at offset 6 may not follow a hash or revision",
      "0.1-pre1|'-' at offset 3 must start a revision '-r<digits>'",
      "0.1-r|revision '-r' at offset 3 has no digits",
      "0.1-r2-r3|a second revision at offset 6",
      "0.1-r2_p3|suffix at offset 6 may not follow a hash or revision",
      "6.6.2p1|digit at offset 6 may not follow a letter, hash or revision",
      "1.0 |character ' ' at offset 3 is not allowed",
      "1.0A|character 'A' at offset 3 is not allowed",
  })
  void rejectsInvalidVersionsSayingWhichToken(String version, String why) {
    String v = version == null ? "" : version;
    assertThat(apk.isValid(v)).isFalse();
    assertThatThrownBy(() -> apk.compare("1.0", v))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessage("'" + v + "' is not a valid apk version: " + why);
    assertThatThrownBy(() -> apk.compare(v, "1.0")).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void nullIsInvalid() {
    assertThat(apk.isValid(null)).isFalse();
    assertThatThrownBy(() -> apk.compare("1", null)).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void suffixOrderAroundTheBareVersion() {
    List<String> sorted = sorted("1.0_p1", "1.0", "1.0_rc1", "1.0_alpha", "1.0_beta2", "1.0_pre1",
        "1.0_git20240101", "1.0_cvs1", "1.0_svn1", "1.0_hg1", "1.0-r1", "1.0.1", "1.0a");
    assertThat(sorted).containsExactly("1.0_alpha", "1.0_beta2", "1.0_pre1", "1.0_rc1", "1.0",
        "1.0-r1", "1.0_cvs1", "1.0_svn1", "1.0_git20240101", "1.0_hg1", "1.0_p1", "1.0a", "1.0.1");
  }

  @Test
  void leadingZeroAfterADotComparesAsAString() {
    // Gentoo's rule: ".01" is compared as text against ".1", so 1.01 < 1.1 and 1.1 < 1.01 is false.
    assertThat(apk.compare("1.01", "1.1")).isNegative();
    assertThat(apk.compare("1.001", "1.01")).isNegative();
    assertThat(apk.compare("8.2.0", "8.2.001")).isNegative();
    assertThat(apk.compare("8.2.0015", "8.2.002")).isNegative();
    // The first number and suffix/revision numbers compare by value.
    assertThat(apk.compare("01.0", "1.0")).isZero();
    assertThat(apk.compare("1.0_p01", "1.0_p1")).isZero();
    assertThat(apk.compare("1.0-r01", "1.0-r1")).isZero();
  }

  @Test
  void commitHashComparesAsAStringBeforeTheRevision() {
    assertThat(apk.isValid("1.0_pre2~1234abcd-r1")).isTrue();
    assertThat(apk.compare("1.0~1234", "1.0~abcd")).isNegative();
    assertThat(apk.compare("1.0~1234-r1", "1.0~1234-r0")).isPositive();
    // A token of a later kind is "less" (apk: the version whose next token comes earlier in the
    // order wins), so: 1.0 < 1.0-r0 < 1.0~1234 < 1.0.1.
    assertThat(apk.compare("1.0~1234", "1.0")).isPositive();
    assertThat(apk.compare("1.0~1234", "1.0-r0")).isPositive();
    assertThat(apk.compare("1.0-r0", "1.0")).isPositive();
    assertThat(apk.compare("1.0~1234", "1.0.1")).isNegative();
    assertThat(sorted("1.0.1", "1.0a", "1.0_p1", "1.0~1234", "1.0-r1", "1.0", "1.0_rc1"))
        .containsExactly("1.0_rc1", "1.0", "1.0-r1", "1.0~1234", "1.0_p1", "1.0a", "1.0.1");
  }

  @Test
  void numbersLongerThanALongCompareByValue() {
    assertThat(apk.compare("1.123456789012345678901234567890", "1.123456789012345678901234567889"))
        .isPositive();
    assertThat(apk.compare("123456789012345678901234567890", "99999999999999999999")).isPositive();
    assertThat(apk.compare("1-r123456789012345678901234567890", "1-r123456789012345678901234567891"))
        .isNegative();
    assertThat(apk.compare("1_p00000000000000000000000000001", "1_p1")).isZero();
  }

  @Test
  void compareAsApkOnInvalidVersions() {
    // apk stops at the first invalid token: invalid at the same point means equal...
    assertThat(apk.compareAsApk("a", "b")).isZero();
    assertThat(apk.compareAsApk("1.0bc", "1.0bd")).isZero();
    // ...and an invalid token sorts before the end of the other version.
    assertThat(apk.compareAsApk("1.0bc", "1.0")).isPositive();
    assertThat(apk.compareAsApk("1.0", "1.0bc")).isNegative();
    assertThat(apk.compareAsApk("1-r", "1")).isNegative();
  }

  private List<String> sorted(String... versions) {
    List<String> list = new ArrayList<>(List.of(versions));
    list.sort(apk);
    return list;
  }
}
