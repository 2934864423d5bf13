package dev.suture.core.change;

import static dev.suture.core.change.Fixtures.ALICE;
import static dev.suture.core.change.Fixtures.BOB;
import static dev.suture.core.change.Fixtures.CAROL;
import static dev.suture.core.change.Fixtures.DAVE;
import static dev.suture.core.change.Fixtures.ERIN;
import static dev.suture.core.change.Fixtures.OSCAR;
import static dev.suture.core.change.Fixtures.PAT;
import static dev.suture.core.change.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import dev.suture.core.engine.ConflictException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normal-change rules: quorum of distinct approvers, separation of duties, rejection, cancellation, freezes. */
class ChangeDecisionsTest {
  final Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
  final ChangeDecisions rules = new ChangeDecisions(POLICY, FreezeCheck.NONE);

  ChangeRequest submitted(ChangeDraft d) { return rules.submit("cr-1", d, ALICE, t0).request(); }

  @Test void normalChangeNeedsAQuorumOfTwoDistinctApprovers() {
    Change s = rules.submit("cr-1", Fixtures.normal(ALICE), ALICE, t0);
    assertThat(s.request().state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(s.audit()).extracting(AuditRecord::action).containsExactly("cr.submitted");

    Change first = rules.approve(s.request(), BOB, "looks fine", t0.plusSeconds(60));
    assertThat(first.request().state()).isEqualTo(ChangeState.SUBMITTED);
    assertThat(first.audit().get(0).details()).containsEntry("approvals", 1).containsEntry("quorum", 2);

    Change second = rules.approve(first.request(), CAROL, null, t0.plusSeconds(120));
    assertThat(second.request().state()).isEqualTo(ChangeState.APPROVED);
    assertThat(second.request().approvedAt()).isEqualTo(t0.plusSeconds(120));
    assertThat(second.request().approvals()).extracting(Approval::approver).containsExactly("bob", "carol");
    assertThat(second.audit().get(0).details()).containsEntry("approvals", 2).containsEntry("state", "APPROVED");
    assertThat(second.request().review()).as("only emergencies owe a review").isNull();
  }

  @Test void theRequesterCannotApproveTheirOwnChangeEvenAsApproverAndAdmin() {
    ChangeRequest cr = rules.submit("cr-1", Fixtures.normal(DAVE), DAVE, t0).request();
    assertThatThrownBy(() -> rules.approve(cr, DAVE, "mine", t0)).isInstanceOf(NotPermittedException.class)
        .hasMessageContaining("dave requested change request cr-1 and cannot approve it (separation of duties");
    // Same person under another spelling of the name.
    Actor shouting = new Actor(" DAVE", EnumSet.of(Role.APPROVER));
    assertThatThrownBy(() -> rules.approve(cr, shouting, "", t0)).isInstanceOf(NotPermittedException.class);
    assertThatThrownBy(() -> rules.reject(cr, DAVE, "changed my mind", t0)).isInstanceOf(NotPermittedException.class);
  }

  @Test void theSamePersonApprovingTwiceCountsOnce() {
    ChangeRequest once = rules.approve(submitted(Fixtures.normal(ALICE)), BOB, "", t0).request();
    Actor bobAgain = new Actor("Bob", EnumSet.of(Role.APPROVER));
    assertThatThrownBy(() -> rules.approve(once, bobAgain, "again", t0.plusSeconds(5))).isInstanceOf(ConflictException.class)
        .hasMessageContaining("Bob has already approved change request cr-1").hasMessageContaining("(1 of 2)");
    assertThat(once.approvers()).hasSize(1);
    assertThat(once.state()).isEqualTo(ChangeState.SUBMITTED);
  }

  @Test void quorumCountsDistinctPeopleEvenIfStoredRowsRepeatAName() {
    ChangeRequest cr = submitted(Fixtures.normal(ALICE));
    ChangeRequest twice = new ChangeRequest(cr.id(), cr.draft(), cr.state(),
        List.of(new Approval("bob", t0, ""), new Approval("BOB", t0, "")), null, null, null, null, t0, t0, 3);
    assertThat(twice.approvers()).containsExactly("bob");
    assertThat(rules.approve(twice, CAROL, "", t0).request().state()).isEqualTo(ChangeState.APPROVED);
  }

  @Test void anActorWithoutTheApproverRoleIsRefused() {
    ChangeRequest cr = submitted(Fixtures.normal(ALICE));
    for (Actor a : List.of(ERIN, OSCAR, PAT))
      assertThatThrownBy(() -> rules.approve(cr, a, "", t0)).isInstanceOf(NotPermittedException.class)
          .hasMessageContaining("needs the approver role");
    assertThatThrownBy(() -> rules.reject(cr, OSCAR, "no", t0)).isInstanceOf(NotPermittedException.class);
  }

  @Test void onlyRequestersOperatorsAndAdminsSubmitAndOnlyInTheirOwnName() {
    assertThatThrownBy(() -> rules.submit("cr-2", Fixtures.normal(BOB), BOB, t0)).isInstanceOf(NotPermittedException.class)
        .hasMessageContaining("needs requester, operator or admin");
    assertThatThrownBy(() -> rules.submit("cr-2", Fixtures.normal(ALICE), OSCAR, t0)).isInstanceOf(NotPermittedException.class)
        .hasMessageContaining("in the name of alice");
  }

  @Test void rejectionNeedsANonBlankReason() {
    ChangeRequest cr = submitted(Fixtures.normal(ALICE));
    for (String reason : new String[] {null, "", "   "})
      assertThatThrownBy(() -> rules.reject(cr, BOB, reason, t0)).isInstanceOf(InvalidChangeException.class)
          .hasMessageStartingWith("reason:").satisfies(e -> assertThat(((InvalidChangeException) e).field()).isEqualTo("reason"));
    Change r = rules.reject(cr, BOB, "no rollback runbook attached", t0.plusSeconds(9));
    assertThat(r.request().state()).isEqualTo(ChangeState.REJECTED);
    assertThat(r.request().rejection()).isEqualTo(new Rejection("bob", t0.plusSeconds(9), "no rollback runbook attached"));
    assertThat(r.audit()).extracting(AuditRecord::action).containsExactly("cr.rejected");
  }

  @Test void decisionsOnAClosedChangeAreConflicts() {
    ChangeRequest rejected = rules.reject(submitted(Fixtures.normal(ALICE)), BOB, "no", t0).request();
    assertThatThrownBy(() -> rules.approve(rejected, CAROL, "", t0)).isInstanceOf(ConflictException.class).hasMessageContaining("it is REJECTED");
    assertThatThrownBy(() -> rules.cancel(rejected, ALICE, t0)).isInstanceOf(ConflictException.class).hasMessageContaining("already REJECTED");
    assertThatThrownBy(() -> rules.implement(rejected, "r-1", List.of(), ALICE, t0)).isInstanceOf(ConflictException.class);
    ChangeRequest stillSubmitted = submitted(Fixtures.normal(ALICE));
    assertThatThrownBy(() -> rules.implement(stillSubmitted, "r-1", List.of(), ALICE, t0)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("it is SUBMITTED, not APPROVED");
  }

  @Test void theRequesterOrAnOperatorCancelsOthersMayNot() {
    ChangeRequest cr = submitted(Fixtures.normal(ALICE));
    assertThatThrownBy(() -> rules.cancel(cr, BOB, t0)).isInstanceOf(NotPermittedException.class);
    assertThat(rules.cancel(cr, ALICE, t0).request().state()).isEqualTo(ChangeState.CANCELLED);
    Change byOperator = rules.cancel(cr, OSCAR, t0);
    assertThat(byOperator.audit().get(0)).isEqualTo(AuditRecord.of("oscar", "cr.cancelled", "change-request/cr-1", "previousState", "SUBMITTED"));
  }

  @Test void anApprovedChangeIsImplementedOnceByOneRollout() {
    ChangeRequest cr = rules.approve(rules.approve(submitted(Fixtures.normal(ALICE)), BOB, "", t0).request(), CAROL, "", t0).request();
    Change done = rules.implement(cr, "r-42", List.of(), OSCAR, t0);
    assertThat(done.request().state()).isEqualTo(ChangeState.IMPLEMENTED);
    assertThat(done.request().rolloutId()).isEqualTo("r-42");
    assertThatThrownBy(() -> rules.implement(done.request(), "r-43", List.of(), OSCAR, t0)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> rules.implement(cr, "r-42", List.of("skipped staging"), OSCAR, t0)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("only an emergency");
  }

  @Test void aFreezeBlocksApprovingANormalChangeAndNamesTheFreeze() {
    var frozen = new ChangeDecisions(POLICY, Fixtures.frozen("production", "black-friday: peak trading"));
    ChangeRequest cr = frozen.submit("cr-1", Fixtures.normal(ALICE), ALICE, t0).request();
    assertThatThrownBy(() -> frozen.approve(cr, BOB, "", t0)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("black-friday: peak trading");
    // Outside the frozen environment the same rules approve.
    ChangeRequest staging = frozen.submit("cr-2", Fixtures.normal(ALICE, "staging"), ALICE, t0).request();
    assertThat(frozen.approve(staging, BOB, "", t0).audit()).extracting(AuditRecord::action).containsExactly("cr.approved");
  }

  @Test void aFreezeOverrideIsOnlyForEmergencies() {
    assertThatThrownBy(() -> ChangeDraft.of(ChangeType.NORMAL, "p", "plan", "alice", "t", null, java.util.Set.of("production"), "urgent"))
        .isInstanceOf(InvalidChangeException.class).hasMessageStartingWith("freezeOverride:");
  }
}
