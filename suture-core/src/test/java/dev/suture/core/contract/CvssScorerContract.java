package dev.suture.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.risk.CvssScore;
import dev.suture.core.risk.CvssScorer;
import dev.suture.core.risk.InvalidCvssVectorException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link CvssScorer} must do. The expected scores are published ones, not what some
 * library happens to print:
 * <ul>
 *   <li>v3.1: FIRST, "CVSS v3.1 Examples" (https://www.first.org/cvss/v3.1/examples), each row names
 *       its CVE; rows marked "calculator" are corner cases checked on FIRST's v3.1 calculator
 *       (https://www.first.org/cvss/calculator/3.1).</li>
 *   <li>v3.0: FIRST, "CVSS v3.0 Examples" (https://www.first.org/cvss/v3.0/examples).</li>
 *   <li>v2: FIRST, "A Complete Guide to the CVSS Version 2.0", section 3.3 "Examples"
 *       (https://www.first.org/cvss/v2/guide).</li>
 *   <li>v4.0: FIRST's CVSS v4.0 calculator (https://www.first.org/cvss/calculator/4.0, reference
 *       implementation github.com/FIRSTdotorg/cvss-v4-calculator); the same vector/score pairs are
 *       in the FIRST-calculator-generated test vectors of RedHatProductSecurity/cvss
 *       (tests/vectors_simple4). 9.3 for AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N is
 *       also the specification document's headline example.</li>
 * </ul>
 */
public abstract class CvssScorerContract {
  protected CvssScorer scorer;

  protected abstract CvssScorer newScorer();

  @BeforeEach
  void createScorer() { scorer = newScorer(); }

  private CvssScore score(String type, String vector) {
    return scorer.score(type, vector).orElseThrow(() -> new AssertionError(type + " " + vector + " was not scored"));
  }

  @ParameterizedTest(name = "{0} = {1} ({3})")
  @CsvSource({
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL, CVE-2014-6271 Shellshock",
      "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.8, HIGH, calculator: local privilege escalation",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1, MEDIUM, CVE-2013-1937 phpMyAdmin reflected XSS",
      "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N, 6.4, MEDIUM, CVE-2013-0375 MySQL stored SQL injection",
      "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N, 3.1, LOW, CVE-2014-3566 SSLv3 POODLE",
      "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H, 9.9, CRITICAL, CVE-2012-1516 VMware guest to host escape",
      "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L, 4.2, MEDIUM, CVE-2009-0783 Apache Tomcat XML parser",
      "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 8.8, HIGH, CVE-2012-0384 Cisco IOS command execution",
      "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H, 7.8, HIGH, CVE-2015-1098 iWork denial of service",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N, 7.5, HIGH, CVE-2014-0160 Heartbleed",
      "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N, 6.8, MEDIUM, CVE-2008-1447 DNS Kaminsky",
      "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 6.8, MEDIUM, CVE-2014-2005 Sophos login screen bypass",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N, 5.8, MEDIUM, CVE-2010-0467 Joomla directory traversal",
      "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H, 9.3, CRITICAL, CVE-2013-6014 Juniper proxy ARP DoS",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0, CRITICAL, calculator: maximum",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0, NONE, calculator: no impact is 0.0",
  })
  void scoresTheOfficialV31Examples(String vector, double expected, String severity, String source) {
    assertThat(score("CVSS_V3", vector)).isEqualTo(new CvssScore("3.1", vector, expected, severity));
  }

  @ParameterizedTest(name = "{0} = {1} ({3})")
  @CsvSource({
      "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL, CVE-2014-6271 Shellshock",
      "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1, MEDIUM, CVE-2013-1937 phpMyAdmin reflected XSS",
  })
  void scoresTheOfficialV30Examples(String vector, double expected, String severity, String source) {
    assertThat(score("CVSS_V3", vector)).isEqualTo(new CvssScore("3.0", vector, expected, severity));
  }

  @ParameterizedTest(name = "{0} = {1} ({3})")
  @CsvSource({
      "AV:N/AC:L/Au:N/C:N/I:N/A:C, 7.8, HIGH, CVE-2002-0392 Apache chunked-encoding memory corruption",
      "AV:N/AC:L/Au:N/C:C/I:C/A:C, 10.0, HIGH, CVE-2003-0818 Microsoft Windows ASN.1 library",
      "AV:L/AC:H/Au:N/C:C/I:C/A:C, 6.2, MEDIUM, CVE-2003-0062 NOD32 antivirus buffer overflow",
  })
  void scoresTheOfficialV2Examples(String vector, double expected, String severity, String source) {
    assertThat(score("CVSS_V2", vector)).isEqualTo(new CvssScore("2.0", vector, expected, severity));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 9.3, CRITICAL",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H, 10.0, CRITICAL",
      "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 8.5, HIGH",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N, 8.7, HIGH",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:H/SA:L, 9.2, CRITICAL",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:N/VA:N/SC:L/SI:N/SA:L, 5.3, MEDIUM",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N, 5.1, MEDIUM",
      "CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N, 4.0, MEDIUM",
      "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N, 2.1, LOW",
      "CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:A/VC:N/VI:L/VA:L/SC:L/SI:N/SA:N, 1.8, LOW",
      "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N, 1.0, LOW",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N, 0.0, NONE",
  })
  void scoresV4AsFirstsCalculatorDoes(String vector, double expected, String severity) {
    assertThat(score("CVSS_V4", vector)).isEqualTo(new CvssScore("4.0", vector, expected, severity));
  }

  @Test void theBaseScoreIgnoresThreatTemporalAndEnvironmentalMetrics() {
    // CVSS-B, not CVSS-BT: E:U would lower a v4 score to 8.1 and a v3.1 temporal score to 8.5.
    assertThat(score("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U").baseScore()).isEqualTo(9.3);
    assertThat(score("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:H/MAV:L/S:P/U:Red")
        .baseScore()).isEqualTo(9.3);
    assertThat(score("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C/CR:L/MAV:P").baseScore()).isEqualTo(9.8);
    assertThat(score("CVSS_V2", "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:U/RL:OF/RC:C/CDP:N/TD:L/CR:L/IR:L/AR:L").baseScore()).isEqualTo(10.0);
  }

  @Test void metricsMayComeInAnyOrder() {
    // CVSS v3.1 specification, section 6: programs reading vectors must accept metrics in any order.
    assertThat(score("CVSS_V3", "CVSS:3.1/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N/S:U").baseScore()).isEqualTo(9.8);
    assertThat(score("CVSS_V4", "CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N").baseScore()).isEqualTo(9.3);
  }

  @Test void aTypeThatIsNotCvssIsNotScored() {
    assertThat(scorer.score("Ubuntu", "medium")).isEmpty();
    assertThat(scorer.score("CVSS_V5", "CVSS:5.0/AV:N")).isEmpty();
    assertThat(scorer.score("cvss_v3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).isEqualTo(Optional.empty());
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "CVSS_V3 | garbage | prefix",
      "CVSS_V3 | '' | prefix",
      "CVSS_V3 | CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H | missing base metric A",
      "CVSS_V3 | CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L | metric A appears twice",
      "CVSS_V3 | CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | value X for metric AV",
      "CVSS_V3 | CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/FOO:B | unknown metric FOO",
      "CVSS_V3 | CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ | empty metric",
      "CVSS_V3 | cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h | prefix",
      "CVSS_V3 | CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | prefix",
      "CVSS_V3 | CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | prefix",
      "CVSS_V4 | CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | prefix",
      "CVSS_V4 | CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N | missing base metric SA",
      "CVSS_V4 | CVSS:4.0/AV:Q/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | value Q for metric AV",
      "CVSS_V4 | CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/FOO:B | unknown metric FOO",
      "CVSS_V4 | CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:H | metric SA appears twice",
      "CVSS_V4 | CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:S/SI:N/SA:N | value S for metric SC",
      "CVSS_V2 | CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | prefix",
      "CVSS_V2 | AV:N/AC:L/Au:N/C:C/I:C | missing base metric A",
      "CVSS_V2 | AV:N/AC:L/Au:X/C:C/I:C/A:C | value X for metric Au",
  })
  void anInvalidVectorIsAClearErrorNamingIt(String type, String vector, String mentions) {
    assertThatThrownBy(() -> scorer.score(type, vector)).isInstanceOfSatisfying(InvalidCvssVectorException.class, e -> {
      assertThat(e.type()).isEqualTo(type);
      assertThat(e.vector()).isEqualTo(vector);
      assertThat(e.getMessage()).startsWith(type + " vector '" + vector + "' is invalid: ").contains(mentions);
    });
  }
}
