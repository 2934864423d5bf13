package dev.suture.core.change;

import static dev.suture.core.change.Fixtures.ALICE;
import static dev.suture.core.change.Fixtures.BOB;
import static dev.suture.core.change.Fixtures.CAROL;
import static dev.suture.core.change.Fixtures.ERIN;
import static dev.suture.core.change.Fixtures.OSCAR;
import static dev.suture.core.change.Fixtures.PAT;
import static dev.suture.core.change.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Standard templates, emergency approvals, freeze overrides and the post-hoc review clock. */
class StandardAndEmergencyChangeTest {
  final ManualClock clock = ManualClock.startingAt("2026-11-22T10:00:00Z");
  final ChangeDecisions rules = new ChangeDecisions(POLICY, FreezeCheck.NONE);
  final ChangeDecisions frozen = new ChangeDecisions(POLICY, Fixtures.frozen("production", "q4-freeze: year-end close"));

  @Test void aStandardTemplateIsApprovedAtSubmissionWithoutTheCab() {
    Change c = rules.submit("cr-1", Fixtures.standard(ALICE, "kernel-standard"), ALICE, clock.instant());
    assertThat(c.request().state()).isEqualTo(ChangeState.APPROVED);
    assertThat(c.request().approvedAt()).isEqualTo(clock.instant());
    assertThat(c.audit()).extracting(AuditRecord::action).containsExactly("cr.submitted", "cr.approved");
    assertThat(c.audit().get(1).details()).containsEntry("basis", "standard template kernel-standard");
  }

  @Test void aPlanThatIsNotAStandardTemplateCannotBeSubmittedAsStandard() {
    assertThatThrownBy(() -> rules.submit("cr-1", Fixtures.standard(ALICE, "openssl-security"), ALICE, clock.instant()))
        .isInstanceOf(InvalidChangeException.class).hasMessageContaining("plan 'openssl-security' is not a standard change template");
  }

  @Test void aFreezeBlocksSubmittingAStandardChange() {
    var stagingFrozen = new ChangeDecisions(POLICY, Fixtures.frozen("staging", "dc-move: staging racks moving"));
    assertThatThrownBy(() -> stagingFrozen.submit("cr-1", Fixtures.standard(ALICE, "kernel-standard"), ALICE, clock.instant()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("dc-move: staging racks moving");
  }

  @Test void anEmergencyNeedsAWrittenJustification() {
    assertThatThrownBy(() -> ChangeDraft.of(ChangeType.EMERGENCY, "p", "plan", "alice", "t", "  ", java.util.Set.of("production"), null))
        .isInstanceOf(InvalidChangeException.class).hasMessageStartingWith("justification:");
  }

  @Test void oneApproverApprovesAnEmergencyAndAReviewFallsDue() {
    ChangeRequest cr = rules.submit("cr-1", Fixtures.emergency(ALICE, null), ALICE, clock.instant()).request();
    clock.advance(Duration.ofMinutes(3));
    ChangeRequest approved = rules.approve(cr, BOB, "go", clock.instant()).request();
    assertThat(approved.state()).isEqualTo(ChangeState.APPROVED);
    assertThat(approved.review()).isEqualTo(Review.dueAt(clock.instant().plus(Duration.ofHours(48))));
  }

  @Test void theOnCallAuthorityApprovesAnEmergencyButNotANormalChange() {
    ChangeRequest emergency = rules.submit("cr-1", Fixtures.emergency(ALICE, null), ALICE, clock.instant()).request();
    assertThat(rules.approve(emergency, PAT, "paged in", clock.instant()).request().state()).isEqualTo(ChangeState.APPROVED);
    ChangeRequest normal = rules.submit("cr-2", Fixtures.normal(ALICE), ALICE, clock.instant()).request();
    assertThatThrownBy(() -> rules.approve(normal, PAT, "", clock.instant())).isInstanceOf(NotPermittedException.class);
    assertThatThrownBy(() -> rules.approve(emergency, ERIN, "", clock.instant())).isInstanceOf(NotPermittedException.class)
        .hasMessageContaining("or on-call authority");
  }

  @Test void anEmergencyPassesAFreezeOnlyWithAFreezeOverrideJustification() {
    ChangeRequest plain = frozen.submit("cr-1", Fixtures.emergency(ALICE, null), ALICE, clock.instant()).request();
    assertThatThrownBy(() -> frozen.approve(plain, BOB, "", clock.instant())).isInstanceOf(ConflictException.class)
        .hasMessageContaining("q4-freeze: year-end close").hasMessageContaining("freezeOverride");

    ChangeRequest justified = frozen.submit("cr-2", Fixtures.emergency(ALICE, "exploit in the wild; CISO agreed"), ALICE,
        clock.instant()).request();
    Change c = frozen.approve(justified, BOB, "", clock.instant());
    assertThat(c.request().state()).isEqualTo(ChangeState.APPROVED);
    assertThat(c.audit()).extracting(AuditRecord::action).containsExactly("cr.freeze_overridden", "cr.approved");
    assertThat(c.audit().get(0).details()).containsEntry("justification", "exploit in the wild; CISO agreed");
  }

  @Test void theReviewIsOverdueFromItsDueInstantOnAndFlaggedOnce() {
    ChangeRequest cr = rules.approve(rules.submit("cr-1", Fixtures.emergency(ALICE, null), ALICE, clock.instant()).request(), BOB, "",
        clock.instant()).request();
    Instant due = cr.review().due();
    clock.advance(Duration.ofHours(48).minusNanos(1));
    assertThat(cr.review().status(clock.instant())).isEqualTo(Review.Status.PENDING);
    assertThat(rules.flagOverdue(cr, clock.instant())).isEmpty();

    clock.advance(Duration.ofNanos(1));
    assertThat(clock.instant()).isEqualTo(due);
    assertThat(cr.review().status(clock.instant())).isEqualTo(Review.Status.OVERDUE);
    Change flagged = rules.flagOverdue(cr, clock.instant()).orElseThrow();
    assertThat(flagged.audit()).extracting(AuditRecord::action).containsExactly("cr.review_overdue");
    assertThat(rules.flagOverdue(flagged.request(), clock.instant().plusSeconds(3600))).as("emitted once").isEmpty();

    Change done = rules.recordReview(flagged.request(), CAROL, "root cause: stale AMI; runbook updated", clock.instant());
    assertThat(done.request().review().status(clock.instant())).isEqualTo(Review.Status.DONE);
    assertThat(done.audit().get(0).details()).containsEntry("late", true);
  }

  @Test void theReviewIsRecordedOnceWithNotesByAnotherApproverOrOperator() {
    ChangeRequest cr = rules.approve(rules.submit("cr-1", Fixtures.emergency(ALICE, null), ALICE, clock.instant()).request(), BOB, "",
        clock.instant()).request();
    assertThatThrownBy(() -> rules.recordReview(cr, ALICE, "fine", clock.instant())).isInstanceOf(NotPermittedException.class);
    assertThatThrownBy(() -> rules.recordReview(cr, ERIN, "fine", clock.instant())).isInstanceOf(NotPermittedException.class);
    assertThatThrownBy(() -> rules.recordReview(cr, OSCAR, " ", clock.instant())).isInstanceOf(InvalidChangeException.class)
        .hasMessageStartingWith("notes:");
    ChangeRequest reviewed = rules.recordReview(cr, OSCAR, "ok", clock.instant()).request();
    assertThat(reviewed.review().doneBy()).isEqualTo("oscar");
    assertThatThrownBy(() -> rules.recordReview(reviewed, CAROL, "again", clock.instant())).isInstanceOf(ConflictException.class);
    ChangeRequest normal = rules.submit("cr-2", Fixtures.normal(ALICE), ALICE, clock.instant()).request();
    assertThatThrownBy(() -> rules.recordReview(normal, OSCAR, "n/a", clock.instant())).isInstanceOf(ConflictException.class)
        .hasMessageContaining("owes no review");
  }
}
