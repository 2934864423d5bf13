package dev.suture.core.metrics;

import static dev.suture.core.metrics.MetricNames.*;
import static dev.suture.core.metrics.Records.*;
import static dev.suture.core.rollout.RolloutState.*;
import static dev.suture.core.rollout.TargetState.FAILED;
import static dev.suture.core.rollout.TargetState.HEALTHY;
import static dev.suture.core.rollout.TargetState.PENDING;
import static dev.suture.core.rollout.TargetState.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.suture.core.doc.DocumentParser;
import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.report.CoverageReport;
import dev.suture.core.report.MttpReport;
import dev.suture.core.risk.RiskScore;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.OsvRecord;
import java.time.Instant;
import java.util.HashMap;
import dev.suture.core.metrics.ProgrammeRecords.ChangeFact;
import dev.suture.core.metrics.ProgrammeRecords.IncidentFact;
import dev.suture.core.model.Asset;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.plan.Plan;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every programme metric on fixed records and a fixed "now" (docs/metrics.md). */
class ProgrammeMetricsTest {
  static final double HOUR = 3600;

  @Test void m1LeadTimeRunsFromProposalToTheFirstProductionSuccessInTheWindow() {
    Records r = new Records()
        .record("p1", Priority.EMERGENCY, List.of("CVE-1"), "why", hoursAgo(100), hoursAgo(60))
        .record("p2", Priority.HIGH, List.of(), "why", hoursAgo(200), null)
        .record("old", Priority.EMERGENCY, List.of(), "why", ago(Duration.ofDays(60)), ago(Duration.ofDays(59)));
    r.add(rollout("s1", "p1", SUCCEEDED, 59, 58, "staging", HEALTHY),         // staging: not deployed yet
        rollout("a", "p1", SUCCEEDED, 55, 50, "production", HEALTHY),         // first production success: 10 h
        rollout("b", "p1", SUCCEEDED, 20, 10, "production", HEALTHY),         // later success: ignored
        with(rollout("c", "p2", SUCCEEDED, 30, 20, "production", HEALTHY), Priority.HIGH, PatchKind.BUGFIX, List.of(), List.of("T"), true),
        rollout("d", "old", SUCCEEDED, 59 * 24, 58 * 24, "production", HEALTHY)); // deployed before the window
    List<Sample> s = r.compute();
    assertThat(value(s, M1_LEAD_TIME, "priority", "emergency", "stat", "mean")).isEqualTo(10 * HOUR);
    assertThat(value(s, M1_LEAD_TIME, "priority", "high", "stat", "mean")).isEqualTo(180 * HOUR); // never proposed: from creation
    assertThat(value(s, M1_LEAD_TIME, "priority", "all", "stat", "mean")).isEqualTo(95 * HOUR);
    assertThat(value(s, M1_LEAD_TIME, "priority", "all", "stat", "max")).isEqualTo(180 * HOUR);
    assertThat(value(s, M1_DEPLOYED, "priority", "all")).isEqualTo(2);
    assertThat(value(s, M1_LEAD_TIME, "priority", "routine", "stat", "mean")).isNaN();
  }

  @Test void m2CountsEveryEndedOutcomeButAnAbortThatTouchedNothing() {
    Records r = new Records().add(rollout("a", "p", SUCCEEDED, 5, 4, "production", HEALTHY),
        rollout("b", "p", SUCCEEDED, 5, 4, "production", HEALTHY),
        rollout("c", "p", SUCCEEDED, 5, 4, "production", HEALTHY),
        rollout("d", "p", ROLLED_BACK, 5, 4, "production", TargetState.ROLLED_BACK),
        rollout("e", "p", ABORTED, 5, 4, "production", PENDING),           // touched nothing: not counted
        rollout("f", "p", ABORTED, 5, 4, "production", TargetState.ROLLED_BACK),
        rollout("g", "p", RUNNING, 5, 4, "production", HEALTHY),           // not ended
        rollout("h", "p", ROLLED_BACK, 900, 800, "production", HEALTHY)); // ended before the window
    List<Sample> s = r.compute();
    assertThat(value(s, M2_SUCCESS)).isEqualTo(3.0 / 5);
    assertThat(value(s, M2_ENDED, "outcome", "aborted")).isEqualTo(1);
    assertThat(value(s, M2_ENDED, "outcome", "rolled_back")).isEqualTo(1);
    assertThat(value(new Records().compute(), M2_SUCCESS)).isNaN();
  }

  @Test void m3ExportsTheLatestDeltaPerRolloutNotEndedAndSummarisesTheWindow() {
    Records r = new Records().add(rollout("live", "p", RUNNING, 2, 1, "production", HEALTHY),
        rollout("done", "p", SUCCEEDED, 20, 10, "production", HEALTHY));
    r.event("live", "gate.measured", hoursAgo(2), "figures", Map.of("canaryErrorDelta", 0.01))
        .event("live", "gate.measured", hoursAgo(1), "figures", Map.of("canaryErrorDelta", 0.03))
        .event("live", "gate.measured", hoursAgo(1), "figures", Map.of("other", 9.0))       // no delta: ignored
        .event("done", "gate.measured", hoursAgo(12), "figures", Map.of("canaryErrorDelta", 0.002));
    List<Sample> s = r.compute();
    assertThat(value(s, M3_DELTA, "rollout", "live")).isEqualTo(0.03);
    assertThat(s).noneMatch(x -> x.name().equals(M3_DELTA) && "done".equals(x.label("rollout")));
    assertThat(value(s, M3_WINDOW, "stat", "mean")).isCloseTo(0.016, within(1e-12));
    assertThat(value(s, M3_WINDOW, "stat", "max")).isEqualTo(0.03);
    assertThat(value(s, M3_COMPARED)).isEqualTo(2);
  }

  @Test void m4StartsAtTheFirstBadEvidenceAndSeparatesOperatorRollbacks() {
    Records r = new Records();
    var t = hoursAgo(5);
    r.event("auto", "gate.verdict", t.plusSeconds(40), "outcome", "halt", "firstBadAt", t.plusSeconds(10).toString())
        .event("auto", "rollout.halted", t.plusSeconds(41))
        .event("auto", "rollback.started", t.plusSeconds(41), "trigger", "automatic policy")
        .event("auto", "rollout.rolled_back", t.plusSeconds(100))
        // no firstBadAt: the halt starts the clock
        .event("auto2", "gate.verdict", t.plusSeconds(5), "outcome", "halt", "firstBadAt", "")
        .event("auto2", "rollout.halted", t.plusSeconds(20))
        .event("auto2", "rollback.started", t.plusSeconds(20), "trigger", "automatic policy")
        .event("auto2", "rollout.rolled_back", t.plusSeconds(50))
        .event("op", "rollout.halted", t)
        .event("op", "rollback.started", t, "trigger", "operator rollback (fast)")
        .event("op", "rollout.rolled_back", t.plusSeconds(12))
        .event("failed", "rollout.halted", t)
        .event("failed", "rollout.rollback_failed", t.plusSeconds(12)); // never rolled back: not counted
    List<Sample> s = r.compute();
    assertThat(value(s, M4_TIME, "trigger", "automatic", "stat", "mean")).isEqualTo(60);
    assertThat(value(s, M4_TIME, "trigger", "automatic", "stat", "max")).isEqualTo(90);
    assertThat(value(s, M4_COUNT, "trigger", "automatic")).isEqualTo(2);
    assertThat(value(s, M4_TIME, "trigger", "operator", "stat", "mean")).isEqualTo(12);
    assertThat(value(s, M4_COUNT, "trigger", "operator")).isEqualTo(1);
  }

  static Finding finding(String asset, String advisory, FindingState state, Optional<String> fixed, Instant firstSeen,
                         Optional<Instant> remediatedAt) {
    return new Finding(new FindingKey(asset, advisory, "openssl"), "Debian:12", "1.0", fixed, state, firstSeen,
        fixed.map(f -> firstSeen), remediatedAt, Optional.empty(), 1);
  }

  @Test void m5IsTheFindingsBasedCoveragePerEnvironmentAndAll() {
    Records r = new Records();
    List<Asset> assets = List.of(new Asset("web-1", "production", "", List.of(), Map.of(), null),
        new Asset("web-2", "production", "", List.of(), Map.of(), null), new Asset("web-3", "production", "", List.of(), Map.of(), null),
        new Asset("db-1", "staging", "", List.of(), Map.of(), null));
    // web-1 has an open fixable finding; web-2 only a finding without a fix (covered); web-3 no inventory.
    List<Finding> fs = List.of(finding("web-1", "A", FindingState.OPEN, Optional.of("1.1"), hoursAgo(10), Optional.empty()),
        finding("web-2", "B", FindingState.OPEN, Optional.empty(), hoursAgo(10), Optional.empty()));
    r.findings = new FindingFacts(CoverageReport.of(assets, Set.of("web-1", "web-2", "db-1"), fs), r.findings.mttp());
    List<Sample> s = r.compute();
    assertThat(value(s, M5_COVERAGE, "environment", "all")).isEqualTo(2.0 / 3);
    assertThat(value(s, M5_APPLICABLE, "environment", "all")).isEqualTo(3);
    assertThat(value(s, M5_PATCHED, "environment", "all")).isEqualTo(2);
    assertThat(value(s, M5_WITHOUT_INVENTORY, "environment", "all")).isEqualTo(1);
    assertThat(value(s, M5_COVERAGE, "environment", "production")).isEqualTo(0.5);
    assertThat(value(s, M5_COVERAGE, "environment", "staging")).isEqualTo(1.0);
    assertThat(value(new Records().compute(), M5_COVERAGE, "environment", "all")).isNaN();
    assertThat(value(new Records().compute(), M5_APPLICABLE, "environment", "all")).isZero();
  }

  @Test void m6IsTheFindingsBasedMttpPerPriorityWithMeanMedianP90AndMax() {
    Records r = new Records();
    Instant published = hoursAgo(100);
    Advisory a = new Advisory(new OsvRecord("A", hoursAgo(200), List.of(), Optional.empty(), List.of()), "", Optional.of(published),
        List.of(), "{}");
    List<Finding> fs = List.of(
        finding("web-1", "A", FindingState.REMEDIATED, Optional.of("1.1"), hoursAgo(90), Optional.of(hoursAgo(76))),  // 24 h
        finding("web-2", "A", FindingState.REMEDIATED, Optional.of("1.1"), hoursAgo(90), Optional.of(hoursAgo(52))),  // 48 h
        finding("web-3", "A", FindingState.REMEDIATED, Optional.of("1.1"), hoursAgo(90), Optional.of(hoursAgo(28))),  // 72 h
        finding("web-4", "A", FindingState.REMEDIATED, Optional.of("1.1"), hoursAgo(90), Optional.of(ago(Duration.ofDays(31)))),
        finding("web-5", "A", FindingState.OPEN, Optional.of("1.1"), hoursAgo(90), Optional.empty()));
    Map<FindingKey, RiskScore> risks = new HashMap<>();
    for (Finding f : fs) risks.put(f.key(), new RiskScore(50, Priority.HIGH, NOW, List.of(), ""));
    r.findings = new FindingFacts(r.findings.coverage(), MttpReport.of(NOW, Records.WINDOW, fs, Map.of("A", a), risks, Map.of()));
    List<Sample> s = r.compute();
    assertThat(value(s, M6_MTTP, "priority", "high", "stat", "mean")).isEqualTo(48 * HOUR);
    assertThat(value(s, M6_MTTP, "priority", "high", "stat", "median")).isEqualTo(48 * HOUR);
    assertThat(value(s, M6_MTTP, "priority", "high", "stat", "p90")).isEqualTo(72 * HOUR);
    assertThat(value(s, M6_MTTP, "priority", "high", "stat", "max")).isEqualTo(72 * HOUR);
    assertThat(value(s, M6_MTTP, "priority", "all", "stat", "mean")).isEqualTo(48 * HOUR);
    assertThat(value(s, M6_MTTP, "priority", "emergency", "stat", "mean")).isNaN();
    assertThat(value(s, M6_PATCHES, "priority", "high")).isEqualTo(3);
    assertThat(value(s, M6_PATCHES, "priority", "emergency")).isZero();
  }

  @Test void m1IsUnchangedByTheMoveOfM6ToFindings() {
    Records r = new Records()
        .record("cve", Priority.EMERGENCY, List.of("CVE-1"), "why", hoursAgo(72), hoursAgo(48));
    r.add(rollout("a", "cve", SUCCEEDED, 10, 0, "production", HEALTHY));
    List<Sample> s = r.compute();
    assertThat(value(s, M1_LEAD_TIME, "priority", "emergency", "stat", "mean")).isEqualTo(48 * HOUR);
    assertThat(value(s, M6_PATCHES, "priority", "all")).isZero();
  }

  @Test void m7CountsIncidentsWithin72HoursOfASuccessOnTheSameAssets() {
    Records r = new Records().add(rollout("ok", "p", SUCCEEDED, 101, 100, "production", HEALTHY, HEALTHY),
        rollout("ok2", "q", SUCCEEDED, 101, 100, "production", HEALTHY),
        rollout("bad", "r", ROLLED_BACK, 91, 90, "production", TargetState.ROLLED_BACK),          // web-1, 10 h later
        new RolloutFacts("elsewhere", "s", "pl", ROLLED_BACK, hoursAgo(91), hoursAgo(90), Priority.HIGH, PatchKind.BUGFIX, List.of(),
            List.of(), true, null, List.of(new RolloutFacts.Target("db-9", "production", TargetState.ROLLED_BACK))),
        rollout("late", "t", ROLLED_BACK, 21, 20, "production", TargetState.ROLLED_BACK));         // 80 h later
    r.incidents.add(new IncidentFact("INC-1", "bad", hoursAgo(90)));
    r.incidents.add(new IncidentFact("INC-2", "elsewhere", hoursAgo(90)));
    r.incidents.add(new IncidentFact("INC-3", "late", hoursAgo(20)));
    List<Sample> s = r.compute();
    assertThat(value(s, M7_INCIDENTS)).isEqualTo(1);
    assertThat(value(s, M7_PER_100)).isEqualTo(50);
  }

  @Test void m8IsTheShareOfRolloutsWhosePlanGivesNoEvidence() {
    Records r = new Records().add(rollout("a", "p", SUCCEEDED, 5, 4, "production", HEALTHY),
        rollout("b", "p", RUNNING, 5, 4, "production", HEALTHY),
        with(rollout("c", "p", SUCCEEDED, 5, 4, "production", HEALTHY), Priority.HIGH, PatchKind.SECURITY, List.of(), List.of("T"), false),
        with(rollout("d", "p", SUCCEEDED, 900, 800, "production", HEALTHY), Priority.HIGH, PatchKind.SECURITY, List.of(), List.of(), false));
    List<Sample> s = r.compute();
    assertThat(value(s, M8_GAP)).isEqualTo(1.0 / 3);
    assertThat(value(s, M8_WITHOUT)).isEqualTo(1);
  }

  @Test void aPlanHasProbesOnlyWhenAStageAfterPatchingHasChecks() {
    DocumentParser parser = new DocumentParser(Set.of("command"));
    String base = "apiVersion: suture.dev/v1\nkind: Plan\nmetadata: {name: p}\nspec:\n  targets: {selector: \"env=prod\"}\n"
        + "  executor: {type: command, apply: [\"true\"]}\n  checks:\n    - {name: health, command: {argv: [\"true\"]}}\n";
    Plan withVerify = parser.parse("a.yaml", base + "  stages: [{wave: {percent: 100}}, {verify: {checks: [health]}}]\n").get(0).as(Plan.class);
    Plan precheckOnly = parser.parse("b.yaml", base + "  stages: [{precheck: {checks: [health]}}, {wave: {percent: 100}}]\n").get(0).as(Plan.class);
    assertThat(ProgrammeMetrics.hasProbes(withVerify)).isTrue();
    assertThat(ProgrammeMetrics.hasProbes(precheckOnly)).isFalse();
  }

  @Test void m9CountsAuditedTargetFailuresAmongStartedTargetRuns() {
    Records r = new Records().add(rollout("a", "p", ROLLED_BACK, 5, 4, "production",
        TargetState.ROLLED_BACK, TargetState.ROLLED_BACK, HEALTHY, PENDING, SKIPPED));
    r.event("a", "target.failed", hoursAgo(4), "target", "web-1", "error", "apply exited 1")
        .event("a", "target.failed", hoursAgo(4), "target", "web-1", "error", "apply exited 1") // same target twice: once
        .event("a", "target.failed", hoursAgo(4), "target", "web-2", "error", "stopped by fast rollback");
    List<Sample> s = r.compute();
    assertThat(value(s, M9_STARTED)).isEqualTo(3);
    assertThat(value(s, M9_FAILED)).isEqualTo(1);
    assertThat(value(s, M9_FAILURE)).isEqualTo(1.0 / 3);
  }

  @Test void m10NeedsLinksAJustificationAChangeForProductionAndAnIntactChain() {
    Records r = new Records().record("p", Priority.EMERGENCY, List.of("CVE-1"), "why", hoursAgo(10), hoursAgo(9))
        .record("blank", Priority.HIGH, List.of(), " ", hoursAgo(10), hoursAgo(9));
    r.add(rollout("ok", "p", SUCCEEDED, 5, 4, "production", HEALTHY),
        rollout("nocr", "p", SUCCEEDED, 5, 4, "production", HEALTHY),                      // production without a change request
        rollout("staging", "p", SUCCEEDED, 5, 4, "staging", HEALTHY),                      // staging needs none
        with(rollout("nolinks", "p", SUCCEEDED, 5, 4, "staging", HEALTHY), Priority.EMERGENCY, PatchKind.SECURITY, List.of(), List.of(), true),
        with(rollout("nojust", "blank", SUCCEEDED, 5, 4, "staging", HEALTHY), Priority.HIGH, PatchKind.SECURITY, List.of(), List.of("T"), true),
        with(rollout("norecord", "ghost", SUCCEEDED, 5, 4, "staging", HEALTHY), Priority.ROUTINE, PatchKind.SECURITY, List.of(), List.of("T"), true));
    r.changes.add(new ChangeFact("CR-1", "ok", "p", "IMPLEMENTED"));
    List<Sample> s = r.compute();
    assertThat(value(s, M10_COMPLETE, "priority", "emergency")).isEqualTo(2.0 / 4);
    assertThat(value(s, M10_COMPLETE, "priority", "high")).isZero();
    assertThat(value(s, M10_COMPLETE, "priority", "all")).isEqualTo(2.0 / 6);
    assertThat(value(s, M10_INCOMPLETE, "priority", "all")).isEqualTo(4);
    assertThat(value(s, AUDIT_INTACT)).isEqualTo(1);

    r.intact = Optional.of(false);
    assertThat(value(r.compute(), M10_COMPLETE, "priority", "all")).isZero();
    r.intact = Optional.empty();
    assertThat(value(r.compute(), M10_COMPLETE, "priority", "all")).isNaN();
  }

  @Test void progressGaugesCoverRolloutsNotInATerminalState() {
    Records r = new Records().add(rollout("live", "p", RUNNING, 1, 0, "production", HEALTHY, SKIPPED, TargetState.APPLYING, PENDING),
        rollout("done", "p", SUCCEEDED, 1, 0, "production", HEALTHY));
    r.states.put(RolloutState.RUNNING, 1L);
    r.states.put(RolloutState.SUCCEEDED, 7L);
    List<Sample> s = r.compute();
    assertThat(value(s, ROLLOUTS, "state", "succeeded")).isEqualTo(7);
    assertThat(value(s, ROLLOUTS, "state", "halted")).isZero();
    assertThat(value(s, ROLLOUT_TARGETS, "rollout", "live", "state", "applying")).isEqualTo(1);
    assertThat(value(s, ROLLOUT_PROGRESS, "rollout", "live")).isEqualTo(0.5);
    assertThat(value(s, ROLLOUT_ACTIVE, "rollout", "live")).isEqualTo(1);
    assertThat(s).noneMatch(x -> "done".equals(x.label("rollout")));
  }

  @Test void everyNameIsDocumentedAndEveryMetricAppearsEvenWithoutRecords() {
    List<Sample> s = new Records().compute();
    assertThat(MetricNames.HELP.keySet()).containsAll(s.stream().map(Sample::name).toList());
    for (String m : List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10"))
      assertThat(s).anyMatch(x -> x.name().startsWith("suture_" + m + "_"));
  }
}
