package dev.suture.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.contract.CvssScorerContract;
import dev.suture.core.risk.CvssScore;
import dev.suture.core.risk.CvssScorer;
import dev.suture.core.risk.InvalidCvssVectorException;
import org.junit.jupiter.api.Test;

/** The library adapter against the official vectors of {@link CvssScorerContract}, plus feed-shaped input. */
class LibraryCvssScorerTest extends CvssScorerContract {
  @Override protected CvssScorer newScorer() { return new LibraryCvssScorer(); }

  @Test void readsNvdsFullyExpandedV4Vectors() {
    // NVD publishes v4 vectors with every optional metric spelled out as X.
    String nvd = "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X"
        + "/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X";
    assertThat(scorer.score("CVSS_V4", nvd)).contains(CvssScore.of("4.0", nvd, 8.5));
  }

  @Test void safetyIsAValueOfSubsequentIntegrityAndAvailabilityOnly() {
    // CVSS v4.0 specification, section 4.2: MSI and MSA may be S (Safety), MSC may not.
    String base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
    assertThat(scorer.score("CVSS_V4", base + "/MSI:S/MSA:S")).map(CvssScore::baseScore).contains(9.3);
    assertThatThrownBy(() -> scorer.score("CVSS_V4", base + "/MSC:S")).hasMessageEndingWith("unknown value S for metric MSC (allowed: X, H, L, N)");
  }

  @Test void surroundingBlanksAreIgnoredButKeptOutOfTheScore() {
    String v = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    assertThat(scorer.score("CVSS_V3", "  " + v + "\n")).contains(CvssScore.of("3.1", v, 9.8));
  }

  @Test void aNullVectorIsAnErrorNotANullPointer() {
    assertThatThrownBy(() -> scorer.score("CVSS_V3", null)).isInstanceOf(InvalidCvssVectorException.class)
        .hasMessage("CVSS_V3 vector 'null' is invalid: no vector");
    assertThat(scorer.score(null, "x")).isEmpty();
  }

  @Test void theErrorListsTheAllowedValues() {
    assertThatThrownBy(() -> scorer.score("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:X/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
        .hasMessageEndingWith("is invalid: unknown value X for metric UI (allowed: N, P, A)");
    assertThatThrownBy(() -> scorer.score("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV"))
        .hasMessageEndingWith("is invalid: 'AV' is not METRIC:VALUE");
    assertThatThrownBy(() -> scorer.score("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U"))
        .hasMessageEndingWith("is invalid: missing base metric C, I, A");
  }
}
