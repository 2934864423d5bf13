package dev.suture.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The CvssScore value (named Risk* so the risk test selection runs it). */
class RiskCvssScoreTest {
  @Test void severityFollowsEachVersionsScale() {
    assertThat(CvssScore.severityOf("3.1", 0.0)).isEqualTo("NONE");
    assertThat(CvssScore.severityOf("3.1", 0.1)).isEqualTo("LOW");
    assertThat(CvssScore.severityOf("3.1", 3.9)).isEqualTo("LOW");
    assertThat(CvssScore.severityOf("4.0", 4.0)).isEqualTo("MEDIUM");
    assertThat(CvssScore.severityOf("3.0", 6.9)).isEqualTo("MEDIUM");
    assertThat(CvssScore.severityOf("3.1", 7.0)).isEqualTo("HIGH");
    assertThat(CvssScore.severityOf("4.0", 8.9)).isEqualTo("HIGH");
    assertThat(CvssScore.severityOf("4.0", 9.0)).isEqualTo("CRITICAL");
    // v2 has no NONE and no CRITICAL (NVD's scale).
    assertThat(CvssScore.severityOf("2.0", 0.0)).isEqualTo("LOW");
    assertThat(CvssScore.severityOf("2.0", 4.0)).isEqualTo("MEDIUM");
    assertThat(CvssScore.severityOf("2.0", 10.0)).isEqualTo("HIGH");
  }

  @Test void aScoreMustBeConsistent() {
    assertThatThrownBy(() -> new CvssScore("3.1", "v", 9.8, "HIGH")).hasMessage("severity of a CVSS 3.1 score 9.8 is CRITICAL, was HIGH");
    assertThatThrownBy(() -> CvssScore.of("3.2", "v", 1)).hasMessageContaining("version must be one of [2.0, 3.0, 3.1, 4.0]");
    assertThatThrownBy(() -> CvssScore.of("3.1", "v", 10.1)).hasMessage("baseScore must be within 0..10, was 10.1");
  }

  @Test void newerVersionsRankHigher() {
    assertThat(CvssScore.of("4.0", "v", 1).versionRank()).isGreaterThan(CvssScore.of("3.1", "v", 10).versionRank());
    assertThat(CvssScore.of("3.1", "v", 1).versionRank()).isGreaterThan(CvssScore.of("3.0", "v", 10).versionRank());
    assertThat(CvssScore.of("3.0", "v", 1).versionRank()).isGreaterThan(CvssScore.of("2.0", "v", 10).versionRank());
    assertThat(CvssScore.of("3.1", "v", 9.8).label()).isEqualTo("CVSS 3.1 9.8 CRITICAL");
  }
}
