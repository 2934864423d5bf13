package dev.suture.core.risk;

import static dev.suture.core.risk.TableCvssScorer.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.suture.core.model.Criticality;
import dev.suture.core.model.Priority;
import dev.suture.core.registry.SlaPolicy;
import dev.suture.core.risk.RiskScore.Effect;
import dev.suture.core.risk.RiskScore.Factor;
import dev.suture.core.vuln.Advisory.Severity;
import dev.suture.core.vuln.EpssScore;
import dev.suture.core.vuln.KevEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskScorerTest {
  static final Instant FIRST_SEEN = Instant.parse("2026-03-02T10:00:00Z");
  final RiskScorer scorer = new RiskScorer(new TableCvssScorer(), SlaPolicy.defaults());

  static Severity v3(String vector) { return new Severity("CVSS_V3", vector); }

  static Severity v4(String vector) { return new Severity("CVSS_V4", vector); }

  static RiskInput input(List<Severity> severities) {
    return new RiskInput(severities, Optional.empty(), Optional.empty(), Criticality.MEDIUM, Exposure.INTERNAL, FIRST_SEEN);
  }

  static RiskInput with(RiskInput in, Optional<KevEntry> kev, Optional<EpssScore> epss, Criticality c, Exposure e) {
    return new RiskInput(in.severities(), kev, epss, c, e, in.firstSeen());
  }

  static Optional<KevEntry> kev(LocalDate due) {
    return Optional.of(new KevEntry("CVE-2026-1234", "Acme", "Widget", "Acme Widget RCE", LocalDate.parse("2026-02-20"),
        Optional.ofNullable(due), false));
  }

  static Optional<EpssScore> epss(double p) {
    return Optional.of(new EpssScore("CVE-2026-1234", p, 0.5, LocalDate.parse("2026-03-01")));
  }

  @Test void noCvssIsAssumedMediumAndFlaggedNeverZero() {
    RiskScore r = scorer.score(input(List.of()));
    assertThat(r.factor("cvss").value()).isEqualTo("no CVSS");
    assertThat(r.factor("cvss").amount()).isEqualTo(30.0);
    assertThat(r.factor("cvss").why()).contains("assumed 5.0 (medium), never zero");
    assertThat(r.score()).isEqualTo(30.0);
    assertThat(r.priority()).isEqualTo(Priority.ROUTINE);
    assertThat(r.due()).isEqualTo(FIRST_SEEN.plus(SlaPolicy.DEFAULT_ROUTINE_FALLBACK));
  }

  @Test void aSeverityThatIsNotCvssIsNotedAndTheDefaultUsed() {
    RiskScore r = scorer.score(input(List.of(new Severity("Ubuntu", "medium"))));
    assertThat(r.score()).isEqualTo(30.0);
    assertThat(r.factor("cvss (ignored)").line()).isEqualTo("cvss (ignored) = Ubuntu medium (not a CVSS severity type)");
  }

  @Test void aV3OnlyAdvisoryScoresFromItsBaseScore() {
    RiskScore r = scorer.score(input(List.of(v3(V31_CRITICAL))));
    assertThat(r.factor("cvss").value()).isEqualTo(V31_CRITICAL + " (CVSS 3.1 9.8 CRITICAL)");
    assertThat(r.factor("cvss").amount()).isCloseTo(58.8, within(1e-9));
    assertThat(r.score()).isEqualTo(58.8);
    assertThat(r.priority()).isEqualTo(Priority.HIGH);
    assertThat(r.due()).isEqualTo(FIRST_SEEN.plus(Duration.ofDays(7)));
  }

  @Test void v4IsPreferredOverV3EvenWhenItScoresLower() {
    RiskScore r = scorer.score(input(List.of(v3(V31_CRITICAL), v4(V4_MEDIUM))));
    assertThat(r.score()).isEqualTo(30.6);
    assertThat(r.factor("cvss").value()).startsWith(V4_MEDIUM);
    assertThat(r.factor("cvss (not used)").why()).isEqualTo("CVSS 4.0 is preferred over 3.1");
  }

  @Test void v3IsPreferredOverV2() {
    RiskScore r = scorer.score(input(List.of(new Severity("CVSS_V2", V2_MAX), v3(V31_MEDIUM))));
    assertThat(r.score()).isEqualTo(36.6);
    assertThat(r.factor("cvss (not used)").value()).startsWith(V2_MAX);
  }

  @Test void withinOneVersionTheHigherScoreWins() {
    RiskScore r = scorer.score(input(List.of(v3(V31_MEDIUM), v3(V31_CRITICAL))));
    assertThat(r.score()).isEqualTo(58.8);
    assertThat(r.factor("cvss (not used)").why()).isEqualTo("another CVSS 3.1 vector scores higher");
  }

  @Test void anInvalidVectorIsNotedAndTheNextBestIsUsed() {
    RiskScore r = scorer.score(input(List.of(v4("CVSS:4.0/AV:N"), v3(V31_CRITICAL))));
    assertThat(r.score()).isEqualTo(58.8);
    assertThat(r.factor("cvss (ignored)").why()).isEqualTo("CVSS_V4 vector 'CVSS:4.0/AV:N' is invalid: not a vector this test table knows");
  }

  @Test void kevListingLiftsALowScoreToHigh() {
    RiskInput low = input(List.of(v3(V31_LOW)));
    assertThat(scorer.score(low).priority()).isEqualTo(Priority.ROUTINE);
    RiskScore r = scorer.score(with(low, kev(null), Optional.empty(), Criticality.MEDIUM, Exposure.INTERNAL));
    assertThat(r.score()).isEqualTo(29.8);  // 3.1 × 6 × 1.6
    assertThat(r.priority()).isEqualTo(Priority.HIGH);
    assertThat(r.factor("priority").why()).isEqualTo("KEV-listed: lifted to at least HIGH (score 29.8 < 42)");
    assertThat(r.factor("kev").amount()).isEqualTo(1.6);
  }

  @Test void kevOnAnInternetFacingCriticalAssetIsAlwaysEmergency() {
    RiskInput low = input(List.of(v3(V31_LOW)));
    RiskScore r = scorer.score(with(low, kev(null), Optional.empty(), Criticality.CRITICAL, Exposure.INTERNET));
    assertThat(r.score()).isEqualTo(46.5);  // far below 90: the rule, not the score, decides
    assertThat(r.priority()).isEqualTo(Priority.EMERGENCY);
    assertThat(r.factor("priority").why()).isEqualTo("KEV-listed on an internet-facing CRITICAL asset is always EMERGENCY");
    assertThat(r.due()).isEqualTo(FIRST_SEEN.plus(Duration.ofHours(24)));
    // One notch less critical, or not internet-facing: the lift to HIGH only.
    assertThat(scorer.score(with(low, kev(null), Optional.empty(), Criticality.HIGH, Exposure.INTERNET)).priority()).isEqualTo(Priority.HIGH);
    assertThat(scorer.score(with(low, kev(null), Optional.empty(), Criticality.CRITICAL, Exposure.INTERNAL)).priority()).isEqualTo(Priority.HIGH);
    // Internet + critical without KEV is no emergency either.
    assertThat(scorer.score(with(low, Optional.empty(), Optional.empty(), Criticality.CRITICAL, Exposure.INTERNET)).priority())
        .isEqualTo(Priority.ROUTINE);
  }

  @Test void epssRaisesOrLowersTheScoreByBand() {
    RiskInput heartbleed = input(List.of(v3(V31_HIGH)));  // 7.5 × 6 = 45
    assertThat(scoreWithEpss(heartbleed, 0.97)).isEqualTo(63.0);
    assertThat(scoreWithEpss(heartbleed, 0.5)).isEqualTo(63.0);
    assertThat(scoreWithEpss(heartbleed, 0.49)).isEqualTo(54.0);
    assertThat(scoreWithEpss(heartbleed, 0.1)).isEqualTo(54.0);
    assertThat(scoreWithEpss(heartbleed, 0.05)).isEqualTo(45.0);
    assertThat(scoreWithEpss(heartbleed, 0.01)).isEqualTo(45.0);
    assertThat(scoreWithEpss(heartbleed, 0.0099)).isEqualTo(36.0);
    assertThat(scorer.score(heartbleed).score()).isEqualTo(45.0);
    assertThat(scorer.score(heartbleed).factor("epss").why()).isEqualTo("no EPSS score: neutral");
    // A low probability of exploitation moves a CVSS "High" out of the 7-day SLA.
    assertThat(scorer.score(with(heartbleed, Optional.empty(), epss(0.001), Criticality.MEDIUM, Exposure.INTERNAL)).priority())
        .isEqualTo(Priority.ROUTINE);
  }

  private double scoreWithEpss(RiskInput in, double p) {
    return scorer.score(with(in, Optional.empty(), epss(p), Criticality.MEDIUM, Exposure.INTERNAL)).score();
  }

  @Test void epssIsNotCountedOnTopOfKev() {
    RiskScore r = scorer.score(with(input(List.of(v3(V31_HIGH))), kev(null), epss(0.97), Criticality.MEDIUM, Exposure.INTERNAL));
    assertThat(r.score()).isEqualTo(72.0);  // 45 × 1.6, not × 1.4 as well
    assertThat(r.factor("epss").amount()).isEqualTo(1.0);
    assertThat(r.factor("epss").why()).isEqualTo("not applied: the KEV listing already proves exploitation");
  }

  @Test void exposureAndCriticalityScaleTheScore() {
    RiskInput in = input(List.of(v3(V31_HIGH)));  // 45
    assertThat(scoreOn(in, Criticality.MEDIUM, Exposure.INTERNET)).isEqualTo(56.3);
    assertThat(scoreOn(in, Criticality.MEDIUM, Exposure.ISOLATED)).isEqualTo(27.0);
    assertThat(scoreOn(in, Criticality.LOW, Exposure.INTERNAL)).isEqualTo(36.0);
    assertThat(scoreOn(in, Criticality.HIGH, Exposure.INTERNAL)).isEqualTo(49.5);
    assertThat(scoreOn(in, Criticality.CRITICAL, Exposure.INTERNET)).isEqualTo(70.3);
  }

  private double scoreOn(RiskInput in, Criticality c, Exposure e) {
    return scorer.score(with(in, Optional.empty(), Optional.empty(), c, e)).score();
  }

  @Test void aHighScoreAloneIsAnEmergencyAndTheScoreIsCappedAt100() {
    RiskScore r = scorer.score(with(input(List.of(v3(V31_CRITICAL))), Optional.empty(), Optional.empty(), Criticality.CRITICAL, Exposure.INTERNET));
    assertThat(r.score()).isEqualTo(91.9);
    assertThat(r.priority()).isEqualTo(Priority.EMERGENCY);
    assertThat(r.factor("priority").why()).isEqualTo("score 91.9 >= 90");
    RiskScore max = scorer.score(with(input(List.of(v4(V4_MAX))), kev(null), Optional.empty(), Criticality.CRITICAL, Exposure.INTERNET));
    assertThat(max.score()).isEqualTo(100.0);
    assertThat(max.explanation()).contains("= 150.0, capped at 100.0");
  }

  @Test void thresholdsAreInclusive() {
    // A neutral CVSS 7.5 scores exactly 45.0: with the high threshold at 45 it is HIGH.
    RiskWeights d = RiskWeights.DEFAULTS;
    RiskWeights at45 = new RiskWeights(d.pointsPerCvss(), d.assumedCvss(), d.kev(), d.epss(), d.exposure(), d.criticality(),
        new RiskWeights.Thresholds(90, 45));
    RiskScorer s = new RiskScorer(new TableCvssScorer(), SlaPolicy.defaults(), at45);
    assertThat(s.score(input(List.of(v3(V31_HIGH)))).priority()).isEqualTo(Priority.HIGH);
    assertThat(s.score(input(List.of(v3(V31_HIGH)))).factor("priority").why()).isEqualTo("score 45.0 >= 45");
  }

  @Test void anEarlierKevDueDateReplacesTheSlaDueDate() {
    RiskScore r = scorer.score(with(input(List.of(v3(V31_HIGH))), kev(LocalDate.parse("2026-03-05")), Optional.empty(),
        Criticality.MEDIUM, Exposure.INTERNAL));
    assertThat(r.priority()).isEqualTo(Priority.HIGH);  // SLA would be 2026-03-09T10:00Z
    assertThat(r.due()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
    assertThat(r.factor("due").why()).isEqualTo("CISA KEV due date is earlier than the SLA due 2026-03-09T10:00:00Z"
        + " (SLA for HIGH from first seen 2026-03-02T10:00:00Z)");
  }

  @Test void aLaterKevDueDateLeavesTheSlaDueDate() {
    RiskScore r = scorer.score(with(input(List.of(v3(V31_HIGH))), kev(LocalDate.parse("2026-04-01")), Optional.empty(),
        Criticality.MEDIUM, Exposure.INTERNAL));
    assertThat(r.due()).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
    assertThat(r.factor("due").why()).isEqualTo("SLA for HIGH from first seen 2026-03-02T10:00:00Z");
  }

  @Test void aKevDueDateThatPassedBeforeTheFindingWasSeenLeavesTheSlaDueDate() {
    RiskScore r = scorer.score(with(input(List.of(v3(V31_HIGH))), kev(LocalDate.parse("2022-01-10")), Optional.empty(),
        Criticality.MEDIUM, Exposure.INTERNAL));
    assertThat(r.due()).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
    assertThat(r.factor("due").why()).endsWith("CISA KEV due date 2022-01-10T00:00:00Z had already passed when the finding was first seen");
  }

  @Test void theDueDateComesFromTheGivenSlaPolicy() {
    Instant window = Instant.parse("2026-03-14T22:00:00Z");
    SlaPolicy policy = new SlaPolicy(Duration.ofHours(4), Duration.ofDays(3), Duration.ofDays(60), t -> Optional.of(window), 0.25);
    RiskScorer s = new RiskScorer(new TableCvssScorer(), policy);
    assertThat(s.score(input(List.of(v3(V31_HIGH)))).due()).isEqualTo(FIRST_SEEN.plus(Duration.ofDays(3)));
    assertThat(s.score(input(List.of(v3(V31_LOW)))).due()).isEqualTo(window);
  }

  @Test void theWorkedExampleOfTheDocsReadsAsDocumented() {
    // docs/risk.md, "Worked example": keep the two in step.
    RiskInput in = new RiskInput(List.of(v3(V31_CRITICAL), v4(V4_CRITICAL)), Optional.empty(),
        Optional.of(new EpssScore("CVE-2026-1234", 0.42, 0.97, LocalDate.parse("2026-03-01"))),
        Criticality.HIGH, Exposure.INTERNET, FIRST_SEEN);
    RiskScore r = scorer.score(in);
    assertThat(r.breakdown()).extracting(Factor::line).containsExactly(
        "cvss = " + V4_CRITICAL + " (CVSS 4.0 9.3 CRITICAL): 55.8 points (base score 9.3 × 6, highest CVSS version available)",
        "kev = not listed: ×1 (no evidence of exploitation in CISA KEV)",
        "epss = 0.4200 (percentile 0.97, 2026-03-01): ×1.2 (probability of exploitation within 30 days >= 0.1)",
        "exposure = internet: ×1.25 (internet-facing: reachable by any attacker)",
        "criticality = HIGH: ×1.1 (asset criticality HIGH)",
        "cvss (not used) = " + V31_CRITICAL + " (CVSS 3.1 9.8 CRITICAL) (CVSS 4.0 is preferred over 3.1)",
        "priority = EMERGENCY (score 92.1 >= 90)",
        "due = 2026-03-03T10:00:00Z (SLA for EMERGENCY from first seen 2026-03-02T10:00:00Z)");
    assertThat(r.explanation()).isEqualTo("risk 92.1 (55.8 points ×1 kev ×1.2 epss ×1.25 exposure ×1.1 criticality = 92.1);"
        + " EMERGENCY: score 92.1 >= 90; due 2026-03-03T10:00:00Z: SLA for EMERGENCY from first seen 2026-03-02T10:00:00Z");
  }

  @Test void theBreakdownAddsUpToTheScore() {
    List<RiskInput> inputs = List.of(input(List.of()), input(List.of(v3(V31_LOW), v4(V4_CRITICAL))),
        with(input(List.of(v3(V31_HIGH))), kev(null), epss(0.3), Criticality.LOW, Exposure.ISOLATED),
        with(input(List.of(v3(V31_MEDIUM))), Optional.empty(), epss(0.002), Criticality.HIGH, Exposure.INTERNET));
    for (RiskInput in : inputs) {
      RiskScore r = scorer.score(in);
      double points = r.breakdown().stream().filter(f -> f.effect() == Effect.POINTS).mapToDouble(Factor::amount).sum();
      double product = r.breakdown().stream().filter(f -> f.effect() == Effect.MULTIPLIER).mapToDouble(Factor::amount)
          .reduce(1, (a, b) -> a * b);
      assertThat(r.score()).isCloseTo(Math.min(100, points * product), within(0.05));
      assertThat(r.breakdown()).filteredOn(f -> f.effect() == Effect.POINTS).hasSize(1);
      assertThat(r.breakdown()).extracting(Factor::input).contains("cvss", "kev", "epss", "exposure", "criticality", "priority", "due");
    }
  }

  @Test void theSameInputGivesTheSameResult() {
    RiskInput in = with(input(List.of(v3(V31_CRITICAL), v4(V4_MEDIUM))), kev(LocalDate.parse("2026-03-05")), epss(0.2),
        Criticality.HIGH, Exposure.INTERNET);
    assertThat(scorer.score(in)).isEqualTo(scorer.score(in));
  }
}
