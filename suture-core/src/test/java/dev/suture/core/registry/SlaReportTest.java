package dev.suture.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.model.Priority;
import dev.suture.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlaReportTest {
  final ManualClock clock = ManualClock.startingAt("2026-11-22T10:00:00Z");
  final Instant t0 = clock.instant();
  final SlaPolicy policy = SlaPolicy.defaults();

  SlaReport.Row only(PatchRecord r) { return SlaReport.of(List.of(r), List.of(), policy, clock.instant()).rows().get(0); }

  @Test void anOpenRecordBreachesExactlyAtItsDueTime() {
    PatchRecord r = Records.proposed("p1", Priority.EMERGENCY, t0, policy);
    clock.advance(Duration.ofHours(24).minusNanos(1));
    assertThat(only(r).sla()).isEqualTo(SlaStatus.AT_RISK);
    assertThat(only(r).timeLeft()).isEqualTo(Duration.ofNanos(1));
    clock.advance(Duration.ofNanos(1));
    assertThat(only(r).sla()).isEqualTo(SlaStatus.BREACHED);
    assertThat(only(r).overdueBy()).isEqualTo(Duration.ZERO);
    clock.advance(Duration.ofHours(3));
    assertThat(only(r).overdueBy()).isEqualTo(Duration.ofHours(3));
    assertThat(only(r).timeLeft()).isNull();
  }

  @Test void atRiskInTheLastQuarterOfTheSpan() {
    PatchRecord r = Records.proposed("p1", Priority.HIGH, t0, policy);
    clock.advance(Duration.ofHours(126).minusSeconds(1)); // 7 d = 168 h; the last 42 h are at risk
    assertThat(only(r).sla()).isEqualTo(SlaStatus.OPEN);
    clock.advance(Duration.ofSeconds(1));
    assertThat(only(r).sla()).isEqualTo(SlaStatus.AT_RISK);
    assertThat(only(r).timeLeft()).isEqualTo(Duration.ofHours(42));
  }

  @Test void deployedBeforeDueIsMetAndAtDueIsBreached() {
    Instant due = t0.plus(Duration.ofHours(24));
    PatchRecord early = ship(Records.proposed("early", Priority.EMERGENCY, t0, policy), due.minusSeconds(1));
    PatchRecord onTheDot = ship(Records.proposed("late", Priority.EMERGENCY, t0, policy), due);
    clock.advance(Duration.ofDays(2));
    assertThat(only(early).sla()).isEqualTo(SlaStatus.MET);
    assertThat(only(early).overdueBy()).isNull();
    assertThat(only(onTheDot).sla()).isEqualTo(SlaStatus.BREACHED);
    assertThat(only(onTheDot).overdueBy()).isEqualTo(Duration.ZERO);
    assertThat(only(onTheDot).finishedAt()).isEqualTo(due);
  }

  @Test void cancelledBeforeDueIsWithdrawnAndAfterDueStaysABreach() {
    PatchRecord before = Records.proposed("a", Priority.HIGH, t0, policy).transitionTo(PatchStatus.CANCELLED, "alice",
        t0.plus(Duration.ofDays(1)), "not needed", policy);
    PatchRecord after = Records.proposed("b", Priority.HIGH, t0, policy).transitionTo(PatchStatus.CANCELLED, "alice",
        t0.plus(Duration.ofDays(8)), "too late anyway", policy);
    clock.advance(Duration.ofDays(10));
    assertThat(only(before).sla()).isEqualTo(SlaStatus.WITHDRAWN);
    assertThat(only(after).sla()).isEqualTo(SlaStatus.BREACHED);
    assertThat(only(after).overdueBy()).isEqualTo(Duration.ofDays(1));
  }

  @Test void totalsPerPriorityCountEveryOutcomeAndDraftsSeparately() {
    List<PatchRecord> records = List.of(
        Records.draft("d1", Priority.HIGH, t0),
        Records.proposed("h-open", Priority.HIGH, t0, policy),
        ship(Records.proposed("h-met", Priority.HIGH, t0, policy), t0.plus(Duration.ofDays(1))),
        Records.proposed("e-breached", Priority.EMERGENCY, t0, policy),
        Records.proposed("r-open", Priority.ROUTINE, t0, policy));
    clock.advance(Duration.ofDays(2));
    SlaReport report = SlaReport.of(records, List.of(), policy, clock.instant());
    assertThat(report.rows()).extracting(SlaReport.Row::patchId).containsExactly("h-open", "h-met", "e-breached", "r-open");
    assertThat(report.totals().get(Priority.HIGH)).isEqualTo(new SlaReport.Totals(1, 2, 1, 0, 0, 1, 0));
    assertThat(report.totals().get(Priority.EMERGENCY)).isEqualTo(new SlaReport.Totals(0, 1, 0, 1, 0, 0, 0));
    assertThat(report.totals().get(Priority.ROUTINE)).isEqualTo(new SlaReport.Totals(0, 1, 0, 0, 0, 1, 0));
    assertThat(report.breaches()).isEqualTo(1);
  }

  @Test void obligationsFromElsewhereGetTheirOwnSectionWithOverdueCounts() {
    Instant due = t0.plus(Duration.ofHours(48));
    List<Obligation> obligations = List.of(
        new Obligation("change.review", "change/CR-1", due, Optional.empty()),
        new Obligation("change.review", "change/CR-2", due, Optional.of(due.minusSeconds(1))),
        new Obligation("change.review", "change/CR-3", due, Optional.of(due.plusSeconds(60))),
        new Obligation("change.review", "change/CR-4", due.plus(Duration.ofDays(5)), Optional.empty()),
        new Obligation("postmortem", "incident/INC-7", due.minusSeconds(10), Optional.empty()));
    clock.advance(Duration.ofHours(48));
    SlaReport report = SlaReport.of(List.of(), obligations, policy, clock.instant());
    assertThat(report.obligations()).extracting(SlaReport.ObligationRow::status).containsExactly(
        SlaStatus.BREACHED, SlaStatus.MET, SlaStatus.BREACHED, SlaStatus.OPEN, SlaStatus.BREACHED);
    assertThat(report.obligations().get(2).overdueBy()).isEqualTo(Duration.ofSeconds(60));
    assertThat(report.obligations().get(3).timeLeft()).isEqualTo(Duration.ofDays(5));
    assertThat(report.obligationTotals().get("change.review")).isEqualTo(new SlaReport.ObligationTotals(4, 2, 1, 1, 1));
    assertThat(report.obligationTotals().get("postmortem")).isEqualTo(new SlaReport.ObligationTotals(1, 1, 1, 0, 0));
    assertThat(report.overdueObligations()).isEqualTo(2);
    assertThat(report.rows()).isEmpty();
  }

  private PatchRecord ship(PatchRecord proposed, Instant at) {
    return proposed.transitionTo(PatchStatus.APPROVED, "bob", at, "", policy).transitionTo(PatchStatus.SCHEDULED, "ops", at, "", policy)
        .transitionTo(PatchStatus.IN_PROGRESS, "ops", at, "", policy).transitionTo(PatchStatus.DEPLOYED, "ops", at, "", policy);
  }
}
