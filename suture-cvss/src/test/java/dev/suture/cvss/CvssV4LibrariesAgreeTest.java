package dev.suture.cvss;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.metaeffekt.core.security.cvss.v4P0.Cvss4P0;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import us.springett.cvss.Cvss;

/**
 * Why v4 goes through ae-security, pinned as tests so a library upgrade that changes it is noticed:
 * both libraries implement FIRST's v4.0 lookup method and agree on base-only vectors, but only
 * ae-security keeps the base score (CVSS-B) when the vector also carries threat metrics.
 */
class CvssV4LibrariesAgreeTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:L/VI:H/VA:H/SC:N/SI:H/SA:H",
      "CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:P/VC:N/VI:L/VA:N/SC:L/SI:N/SA:H",
      "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N",
      "CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:L/SA:N",
  })
  void bothLibrariesGiveTheSameBaseScore(String vector) {
    assertThat(new Cvss4P0(vector).getBaseScore()).isEqualTo(Cvss.fromVector(vector).calculateScore().getBaseScore());
  }

  @Test void onlyAeSecurityLeavesThreatMetricsOutOfTheBaseScore() {
    String withThreat = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U";
    assertThat(new Cvss4P0(withThreat).getBaseScore()).isEqualTo(9.3);
    assertThat(Cvss.fromVector(withThreat).calculateScore().getBaseScore()).isEqualTo(8.1);
    assertThat(new LibraryCvssScorer().score("CVSS_V4", withThreat).orElseThrow().baseScore()).isEqualTo(9.3);
  }

  @Test void theLibrariesAloneAcceptVectorsTheGrammarRejects() {
    // Each of these would be scored by a library as something else; CvssGrammar turns them into errors.
    assertThat(new Cvss4P0("CVSS:4.0/AV:Q/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").getBaseScore()).isEqualTo(9.3);
    assertThat(new Cvss4P0("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N").getBaseScore()).isEqualTo(0.0);
    assertThat(Cvss.fromVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L").calculateScore().getBaseScore()).isEqualTo(9.4);
  }
}
