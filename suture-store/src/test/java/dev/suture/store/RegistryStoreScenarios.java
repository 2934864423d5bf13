package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.json.Json;
import dev.suture.core.model.Priority;
import dev.suture.core.registry.PatchFields;
import dev.suture.core.registry.PatchRecord;
import dev.suture.core.registry.PatchStatus;
import dev.suture.core.registry.StatusChange;
import dev.suture.core.registry.TransitionRequest;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.rollout.IllegalTransitionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The patch registry on a real database: lifecycle, audit in the same transaction, versions, SLA sweep. */
abstract class RegistryStoreScenarios extends GovernanceStoreScenarios {

  @Test void aRecordGoesFromDraftToDeployedAndEveryStepIsStoredAndAudited() {
    registry.create(ref("p1", Priority.ROUTINE), new PatchFields("needed", null, null), "alice", "from triage");
    // Proposing completes the draft and refreshes the copy of the Patch document (now HIGH).
    PatchRecord proposed = registry.transition("p1", new TransitionRequest(PatchStatus.PROPOSED, "ready",
        new PatchFields(null, List.of("3.0.1"), COMPLETE.regressionRisk()), ref("p1", Priority.HIGH), 1L), "alice");
    assertThat(proposed.due()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    advance(Duration.ofHours(1));
    deploy("p1", "all waves healthy");

    PatchRecord stored = registry.find("p1").orElseThrow();
    assertThat(stored.status()).isEqualTo(PatchStatus.DEPLOYED);
    assertThat(stored.version()).isEqualTo(6);
    assertThat(stored.ref().priority()).isEqualTo(Priority.HIGH);
    assertThat(stored.fields().affectedVersions()).containsExactly("3.0.1");
    assertThat(stored.fields().justification()).isEqualTo("needed");
    assertThat(stored.timeline()).extracting(StatusChange::to).containsExactly(PatchStatus.DRAFT, PatchStatus.PROPOSED,
        PatchStatus.APPROVED, PatchStatus.SCHEDULED, PatchStatus.IN_PROGRESS, PatchStatus.DEPLOYED);
    assertThat(stored.timeline()).extracting(StatusChange::actor).containsExactly("alice", "alice", "bob", "ops", "ops", "ops");
    assertThat(stored.timeline().get(5).note()).isEqualTo("all waves healthy");
    assertThat(stored.finishedAt()).contains(clock.instant());
    assertThat(registry.list()).containsExactly(stored);

    List<AuditEvent> audit = store.audit().forSubject("registry/p1");
    assertThat(audit).extracting(AuditEvent::action).containsExactly("registry.created", "registry.transition", "registry.transition",
        "registry.transition", "registry.transition", "registry.transition");
    assertThat(Json.readObject(audit.get(2).details())).containsEntry("from", "PROPOSED").containsEntry("to", "APPROVED");
    assertThat(audit.get(2).actor()).isEqualTo("bob");
    assertThat(store.audit().verify().intact()).isTrue();
  }

  @Test void aPatchIsRegisteredOnce() {
    registry.create(ref("p1", Priority.HIGH), COMPLETE, "alice", "");
    refusedAsConflict(() -> registry.create(ref("p1", Priority.HIGH), COMPLETE, "bob", ""), "already in the registry");
    assertThat(actions("registry/p1")).containsExactly("registry.created");
  }

  @Test void aMoveBasedOnAStaleVersionIsRefusedAndWritesNothing() {
    propose("p1", Priority.HIGH);
    refusedAsConflict(() -> registry.transition("p1", new TransitionRequest(PatchStatus.APPROVED, "", null, null, 1L), "bob"),
        "at version 2, not 1");
    assertThat(registry.find("p1").orElseThrow().status()).isEqualTo(PatchStatus.PROPOSED);
    assertThat(actions("registry/p1")).containsExactly("registry.created", "registry.transition");
  }

  @Test void missingMandatoryFieldsAreNamedAndNothingIsWritten() {
    registry.create(ref("p1", Priority.HIGH), PatchFields.EMPTY, "alice", "");
    Throwable t = catchThrowable(() -> registry.transition("p1", TransitionRequest.to(PatchStatus.PROPOSED, ""), "alice"));
    assertFields(t, "justification", "affectedVersions", "regressionRisk.level");
    PatchRecord r = registry.find("p1").orElseThrow();
    assertThat(r.status()).isEqualTo(PatchStatus.DRAFT);
    assertThat(r.timeline()).hasSize(1);
    assertThat(actions("registry/p1")).containsExactly("registry.created");
  }

  @Test void theProposerCannotApproveTheirOwnPatch() {
    propose("p1", Priority.HIGH);
    refusedAsConflict(() -> registry.transition("p1", TransitionRequest.to(PatchStatus.APPROVED, ""), "alice"), "may not approve");
  }

  @Test void theSweepRecordsABreachOnceExactlyWhenTheDueTimePassesUnmet() {
    propose("urgent", Priority.EMERGENCY);
    propose("shipped", Priority.EMERGENCY);
    advance(Duration.ofHours(2));
    deploy("shipped", "done in time");
    advance(Duration.ofHours(22).minusSeconds(1));
    assertThat(registry.sweepBreaches()).isZero();
    advance(Duration.ofSeconds(1)); // exactly 24 h after proposing
    assertThat(registry.sweepBreaches()).isEqualTo(1);
    assertThat(registry.sweepBreaches()).isZero();
    advance(Duration.ofDays(3));
    assertThat(registry.sweepBreaches()).isZero();

    List<AuditEvent> breached = store.audit().forSubject("registry/urgent").stream().filter(e -> e.action().equals("sla.breached")).toList();
    assertThat(breached).hasSize(1);
    assertThat(breached.get(0).actor()).isEqualTo(JdbcPatchRegistry.SWEEP_ACTOR);
    assertThat(Json.readObject(breached.get(0).details())).containsEntry("priority", "EMERGENCY").containsEntry("status", "PROPOSED")
        .containsEntry("due", "2026-11-23T10:00:00Z");
    assertThat(actions("registry/shipped")).doesNotContain("sla.breached");
  }

  @Test void aPatchFinishedLateWhileNobodySweptIsStillRecordedAsBreached() {
    propose("late", Priority.EMERGENCY);
    advance(Duration.ofHours(30));
    deploy("late", "after the deadline");
    assertThat(registry.sweepBreaches()).isEqualTo(1);
    assertThat(actions("registry/late")).containsOnlyOnce("sla.breached");
  }

  @Test void aDraftHasNoDueTimeAndNeverBreaches() {
    registry.create(ref("d", Priority.EMERGENCY), PatchFields.EMPTY, "alice", "");
    advance(Duration.ofDays(90));
    assertThat(registry.sweepBreaches()).isZero();
    assertThat(registry.find("d").orElseThrow().due()).isNull();
  }

  @Test void ofApproversRacingForTheSameRecordExactlyOneWins() throws Exception {
    propose("p1", Priority.HIGH);
    int n = 6;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> tries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String approver = "approver-" + i;
      tries.add(pool.submit(() -> {
        go.await();
        try {
          registry.transition("p1", TransitionRequest.to(PatchStatus.APPROVED, ""), approver);
          return true;
        } catch (IllegalTransitionException lost) {
          return false; // the row lock made this one see APPROVED already
        }
      }));
    }
    go.countDown();
    int won = 0;
    for (Future<Boolean> f : tries) won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    PatchRecord r = registry.find("p1").orElseThrow();
    assertThat(r.timeline()).extracting(StatusChange::to).containsExactly(PatchStatus.DRAFT, PatchStatus.PROPOSED, PatchStatus.APPROVED);
    assertThat(r.version()).isEqualTo(3);
    assertThat(actions("registry/p1")).containsExactly("registry.created", "registry.transition", "registry.transition");
  }

  @Test void ofCreatorsRacingForTheSamePatchExactlyOneRegistersIt() throws Exception {
    int n = 6;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> tries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String who = "requester-" + i;
      tries.add(pool.submit(() -> {
        go.await();
        try {
          registry.create(ref("p1", Priority.HIGH), COMPLETE, who, "");
          return true;
        } catch (ConflictException lost) {
          return false;
        }
      }));
    }
    go.countDown();
    int won = 0;
    for (Future<Boolean> f : tries) won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    assertThat(actions("registry/p1")).containsExactly("registry.created");
  }
}
