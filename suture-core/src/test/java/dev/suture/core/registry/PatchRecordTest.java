package dev.suture.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.engine.ConflictException;
import dev.suture.core.model.Priority;
import dev.suture.core.rollout.IllegalTransitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchRecordTest {
  final Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
  final SlaPolicy policy = SlaPolicy.defaults();

  @Test void aDraftCannotBeProposedUntilEveryMandatoryFieldIsSetAndSaysWhichAreMissing() {
    PatchRecord r = PatchRecord.create(Records.ref("p1", Priority.HIGH), PatchFields.EMPTY, "alice", t0, null);
    assertThatThrownBy(() -> r.transitionTo(PatchStatus.PROPOSED, "alice", t0, "", policy))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems()).extracting(FieldProblem::field)
            .containsExactly("justification", "affectedVersions", "regressionRisk.level"));
  }

  @Test void riskNeedsNotesAndVersionsMustNotBeBlank() {
    PatchRecord r = PatchRecord.create(Records.ref("p1", Priority.HIGH),
        new PatchFields("why", List.of("1.0", " "), new RegressionRisk(RegressionRisk.Level.LOW, "  ")), "alice", t0, null);
    assertThatThrownBy(() -> r.transitionTo(PatchStatus.PROPOSED, "alice", t0, "", policy))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems()).extracting(FieldProblem::field)
            .containsExactly("affectedVersions[1]", "regressionRisk.notes"));
  }

  @Test void cancellingADraftNeedsNoFieldsButAReason() {
    PatchRecord r = PatchRecord.create(Records.ref("p1", Priority.HIGH), PatchFields.EMPTY, "alice", t0, null);
    assertThatThrownBy(() -> r.transitionTo(PatchStatus.CANCELLED, "alice", t0, " ", policy))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("note"));
    assertThat(r.transitionTo(PatchStatus.CANCELLED, "alice", t0, "duplicate of p0", policy).status()).isEqualTo(PatchStatus.CANCELLED);
  }

  @Test void partialEditsMergeWhileDraft() {
    PatchRecord r = PatchRecord.create(Records.ref("p1", Priority.HIGH), new PatchFields("why", null, null), "alice", t0, null)
        .edit(new PatchFields(null, List.of("2.1"), null))
        .edit(new PatchFields(null, null, new RegressionRisk(RegressionRisk.Level.HIGH, "kernel")));
    assertThat(r.fields().missing()).isEmpty();
    assertThat(r.fields().justification()).isEqualTo("why");
  }

  @Test void proposingFixesTheDueTimeFromThePriority() {
    PatchRecord r = Records.proposed("p1", Priority.HIGH, t0, policy);
    assertThat(r.due()).isEqualTo(t0.plus(Duration.ofDays(7)));
    assertThat(r.proposedAt()).contains(t0);
  }

  @Test void fieldsAreFrozenOnceProposed() {
    PatchRecord r = Records.proposed("p1", Priority.HIGH, t0, policy);
    assertThatThrownBy(() -> r.edit(new PatchFields("changed my mind", null, null))).isInstanceOf(ConflictException.class)
        .hasMessageContaining("only change while DRAFT");
  }

  @Test void theProposerMayNotApproveTheirOwnPatch() {
    PatchRecord r = Records.proposed("p1", Priority.HIGH, t0, policy);
    assertThatThrownBy(() -> r.transitionTo(PatchStatus.APPROVED, "alice", t0, "", policy)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("alice proposed");
    assertThat(r.transitionTo(PatchStatus.APPROVED, "bob", t0, "", policy).status()).isEqualTo(PatchStatus.APPROVED);
  }

  @Test void theTimelineShowsWhoMovedItWhenFromWhereToWhereAndWhy() {
    PatchRecord r = Records.proposed("p1", Priority.EMERGENCY, t0, policy)
        .transitionTo(PatchStatus.APPROVED, "bob", t0.plusSeconds(60), "CAB ok", policy)
        .transitionTo(PatchStatus.SCHEDULED, "ops", t0.plusSeconds(120), "", policy)
        .transitionTo(PatchStatus.IN_PROGRESS, "ops", t0.plusSeconds(180), "", policy)
        .transitionTo(PatchStatus.DEPLOYED, "ops", t0.plusSeconds(240), "all waves healthy", policy);
    assertThat(r.timeline()).extracting(StatusChange::from).containsExactly(null, PatchStatus.DRAFT, PatchStatus.PROPOSED,
        PatchStatus.APPROVED, PatchStatus.SCHEDULED, PatchStatus.IN_PROGRESS);
    assertThat(r.timeline()).extracting(StatusChange::actor).containsExactly("alice", "alice", "bob", "ops", "ops", "ops");
    assertThat(r.timeline().get(2).note()).isEqualTo("CAB ok");
    assertThat(r.finishedAt()).contains(t0.plusSeconds(240));
    assertThat(r.due()).isEqualTo(t0.plus(Duration.ofHours(24)));
  }

  @Test void aTerminalRecordMovesNowhere() {
    PatchRecord r = Records.draft("p1", Priority.HIGH, t0).transitionTo(PatchStatus.CANCELLED, "alice", t0, "obsolete", policy);
    assertThatThrownBy(() -> r.transitionTo(PatchStatus.PROPOSED, "alice", t0, "", policy)).isInstanceOf(IllegalTransitionException.class);
  }

  @Test void rollingBackNeedsAReason() {
    PatchRecord r = Records.proposed("p1", Priority.HIGH, t0, policy).transitionTo(PatchStatus.APPROVED, "bob", t0, "", policy)
        .transitionTo(PatchStatus.SCHEDULED, "ops", t0, "", policy).transitionTo(PatchStatus.IN_PROGRESS, "ops", t0, "", policy);
    assertThatThrownBy(() -> r.transitionTo(PatchStatus.ROLLED_BACK, "ops", t0, null, policy)).isInstanceOf(InvalidFieldsException.class)
        .hasMessageContaining("note");
  }
}
