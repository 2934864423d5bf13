package dev.suture.cvss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.model.Criticality;
import dev.suture.core.model.Priority;
import dev.suture.core.registry.SlaPolicy;
import dev.suture.core.risk.Exposure;
import dev.suture.core.risk.RiskInput;
import dev.suture.core.risk.RiskScore;
import dev.suture.core.risk.RiskScorer;
import dev.suture.core.vuln.Advisory.Severity;
import dev.suture.core.vuln.EpssScore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The risk scorer on the real CVSS libraries: docs/risk.md's worked example, end to end. */
class LibraryCvssRiskTest {
  final RiskScorer scorer = new RiskScorer(new LibraryCvssScorer(), SlaPolicy.defaults());

  @Test void theWorkedExampleScoresTheSameOnTheRealLibraries() {
    RiskInput in = new RiskInput(List.of(
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
        new Severity("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")),
        Optional.empty(), Optional.of(new EpssScore("CVE-2026-1234", 0.42, 0.97, LocalDate.parse("2026-03-01"))),
        Criticality.HIGH, Exposure.INTERNET, Instant.parse("2026-03-02T10:00:00Z"));
    RiskScore r = scorer.score(in);
    assertThat(r.score()).isEqualTo(92.1);
    assertThat(r.priority()).isEqualTo(Priority.EMERGENCY);
    assertThat(r.due()).isEqualTo(Instant.parse("2026-03-03T10:00:00Z"));
  }

  @Test void aMalformedFeedVectorIsNotedAndTheOtherOneUsed() {
    RiskInput in = new RiskInput(List.of(
        new Severity("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:H"),
        new Severity("CVSS_V3", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H")),
        Optional.empty(), Optional.empty(), Criticality.MEDIUM, Exposure.INTERNAL, Instant.parse("2026-03-02T10:00:00Z"));
    RiskScore r = scorer.score(in);
    assertThat(r.score()).isEqualTo(46.8);  // 7.8 × 6
    assertThat(r.factor("cvss (ignored)").why()).endsWith("is invalid: metric SA appears twice");
  }
}
