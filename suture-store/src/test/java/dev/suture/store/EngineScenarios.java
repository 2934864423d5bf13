package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.Adapters;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.engine.EngineConfig;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.engine.RolloutRequest;
import dev.suture.core.model.Asset;
import dev.suture.core.port.Fence;
import dev.suture.core.port.LeaseLostException;
import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import dev.suture.core.testing.FakeFleet;
import dev.suture.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout engine end to end against a real database (subclassed per database) and an
 * in-process fleet, on a manual clock: bakes and observations end when the test moves time.
 */
abstract class EngineScenarios extends EngineFixture {
  static final String SOP = """
      - notify: {}
      - precheck: {}
      - snapshot: {}
      - canary: {count: 1, bake: 5m}
      - wave: {percent: 50, maxConcurrency: 2, maxErrors: 0, observe: 15m}
      - wave: {percent: 100, maxConcurrency: 3}
      - verify: {checks: [health]}
      """;

  @Test void runsTheSopToSuccessAndPatchesEachTargetOnce() throws Exception {
    fleetOf(10);
    plan(SOP);
    Rollout r = awaitEnd(start().id());
    assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(targets(r.id())).allSatisfy(t -> {
      assertThat(t.state()).isEqualTo(TargetState.HEALTHY);
      assertThat(t.version()).isEqualTo("2.0");
      assertThat(fleet.applies(t.name())).isEqualTo(1);
    });
    assertThat(targets(r.id()).stream().map(TargetRun::batch)).containsExactly(0, 1, 1, 1, 1, 2, 2, 2, 2, 2);
    assertThat(store.audit().verify().intact()).isTrue();
    assertThat(store.audit().forSubject("rollout/" + r.id()).stream().map(e -> e.action()))
        .contains("rollout.created", "rollout.started", "stage.observing", "rollout.succeeded");
  }

  @Test void skipsTargetsAlreadyAtTheVersion() throws Exception {
    fleetOf(4);
    fleet.host("web-02", "2.0");
    plan("- wave: {percent: 100, maxConcurrency: 2}");
    Rollout r = awaitEnd(start().id());
    assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(targets(r.id())).filteredOn(t -> t.name().equals("web-02")).singleElement()
        .satisfies(t -> assertThat(t.state()).isEqualTo(TargetState.SKIPPED));
    assertThat(fleet.applies("web-02")).isZero();
  }

  @Test void haltsWaveWhenErrorBudgetExceededAndRollsBackTouchedTargets() throws Exception {
    fleetOf(10);
    fleet.failApply.addAll(List.of("web-03", "web-04", "web-05", "web-06"));
    plan("""
        - snapshot: {}
        - wave: {percent: 100, maxConcurrency: 1, maxErrors: 2}
        """);
    Rollout r = awaitEnd(start().id());
    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(r.haltReason()).contains("3 failures exceed maxErrors 2");
    // Sequential (maxConcurrency 1): the third failure (web-05) halts; web-06.. never start.
    assertThat(fleet.applies("web-05")).isEqualTo(1);
    assertThat(fleet.applies("web-06")).isZero();
    assertThat(targets(r.id())).filteredOn(t -> t.seq() < 5).allSatisfy(t -> assertThat(t.state()).isEqualTo(TargetState.ROLLED_BACK));
    assertThat(targets(r.id())).filteredOn(t -> t.seq() >= 5).allSatisfy(t -> assertThat(t.state()).isEqualTo(TargetState.PENDING));
    assertThat(fleet.versions).allSatisfy((host, v) -> assertThat(v).isEqualTo("1.0"));
    assertThat(store.rollouts().incidentFor(r.id())).get().satisfies(i -> {
      assertThat(i.priority()).isEqualTo("P1");
      assertThat(i.timeline()).extracting(e -> e.action()).contains("rollout.halted", "incident.opened");
    });
  }

  @Test void inFlightTargetsFinishAndCountWhenTheBudgetIsExceeded() throws Exception {
    fleetOf(6);
    fleet.failApply.addAll(List.of("web-01", "web-02", "web-03"));
    fleet.applyLatency = Duration.ofMillis(100);
    plan("- wave: {percent: 100, maxConcurrency: 3, maxErrors: 1}");
    Rollout r = awaitEnd(start().id());
    assertThat(r.state()).isEqualTo(RolloutState.ROLLBACK_FAILED); // no snapshot stage: nothing to restore from
    // web-01..03 start together and all fail: the in-flight ones finish and count (3 > 1).
    // web-04 may start after the first failure (1 allowed); nothing starts after the second.
    assertThat(r.haltReason()).contains("3 failures exceed maxErrors 1");
    assertThat(fleet.applies("web-05")).isZero();
    assertThat(fleet.applies("web-06")).isZero();
  }

  @Test void neverExceedsMaxConcurrency() throws Exception {
    fleetOf(12);
    fleet.applyLatency = Duration.ofMillis(60);
    plan("- wave: {percent: 100, maxConcurrency: 3}");
    Rollout r = awaitEnd(start().id());
    assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(fleet.peakConcurrency()).isEqualTo(3);
  }

  @Test void maxConcurrencyAsPercentOfTheWave() throws Exception {
    fleetOf(10);
    fleet.applyLatency = Duration.ofMillis(60);
    plan("- wave: {percent: 100, maxConcurrency: 20%}");
    awaitEnd(start().id());
    assertThat(fleet.peakConcurrency()).isEqualTo(2);
  }

  @Test void canaryHealthFailureRollsBackAndOpensAnIncident() throws Exception {
    fleetOf(5);
    fleet.badVersions.add("2.0");
    plan(SOP);
    Rollout r = awaitEnd(start().id());
    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(r.haltReason()).contains("canary").contains("health");
    assertThat(fleet.applies("web-01")).isEqualTo(1);
    assertThat(fleet.applies("web-02")).isZero();
    assertThat(fleet.versions.get("web-01")).isEqualTo("1.0");
    assertThat(targets(r.id()).get(0).state()).isEqualTo(TargetState.ROLLED_BACK);
    assertThat(store.rollouts().incidentFor(r.id())).isPresent();
  }

  @Test void failingBakeHaltsAndRestoresNewestWaveFirst() throws Exception {
    fleetOf(4);
    plan("""
        - snapshot: {}
        - canary: {count: 1}
        - wave: {percent: 100, maxConcurrency: 3}
        - bake: {duration: 10m, interval: 1m}
        """);
    String id = start().id();
    await(id, r -> r.stageIndex() == 3 && r.currentStage().state().name().equals("WAITING"));
    fleet.unhealthyHosts.add("web-03");
    Rollout r = awaitEnd(id);
    assertThat(r.state()).isEqualTo(RolloutState.ROLLBACK_FAILED); // web-03 stays unhealthy after restore
    var restored = store.audit().forSubject("rollout/" + id).stream()
        .filter(e -> e.action().startsWith("target.rolled") || e.action().equals("target.rollback_failed")).toList();
    assertThat(restored).hasSize(4);
    assertThat(restored.get(restored.size() - 1).details()).contains("web-01"); // the canary last
    assertThat(fleet.versions).allSatisfy((h, v) -> assertThat(v).isEqualTo("1.0"));
  }

  @Test void approvalWaitsForPromote() throws Exception {
    fleetOf(3);
    plan("""
        - canary: {count: 1}
        - approval: {message: "check the dashboards"}
        - wave: {percent: 100}
        """);
    String id = start().id();
    await(id, r -> r.stageIndex() == 1 && r.currentStage().state().name().equals("WAITING"));
    clock.advance(Duration.ofHours(5));
    Thread.sleep(100);
    assertThat(store.rollouts().find(id).orElseThrow().state()).isEqualTo(RolloutState.RUNNING);
    assertThat(fleet.applies("web-02")).isZero();
    engine.control(id, ControlVerb.PROMOTE, "alice");
    assertThat(awaitEnd(id).state()).isEqualTo(RolloutState.SUCCEEDED);
  }

  @Test void pauseStopsNewTargetsAndResumeContinues() throws Exception {
    fleetOf(3);
    plan("""
        - canary: {count: 1}
        - approval: {}
        - wave: {percent: 100, maxConcurrency: 1}
        """);
    String id = start().id();
    await(id, r -> r.currentStage().state().name().equals("WAITING"));
    engine.control(id, ControlVerb.PAUSE, "alice");
    await(id, r -> r.state() == RolloutState.PAUSED);
    engine.control(id, ControlVerb.PROMOTE, "alice");
    Thread.sleep(200);
    assertThat(fleet.applies("web-02")).isZero();
    assertThatThrownBy(() -> engine.control(id, ControlVerb.PAUSE, "alice")).isInstanceOf(ConflictException.class);
    engine.control(id, ControlVerb.RESUME, "alice");
    assertThat(awaitEnd(id).state()).isEqualTo(RolloutState.SUCCEEDED);
  }

  @Test void abortRollsBackWhatWasTouched() throws Exception {
    fleetOf(3);
    plan("""
        - snapshot: {}
        - canary: {count: 1}
        - approval: {}
        - wave: {percent: 100}
        """);
    String id = start().id();
    await(id, r -> r.currentStage().state().name().equals("WAITING"));
    engine.control(id, ControlVerb.ABORT, "alice");
    Rollout r = awaitEnd(id);
    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(fleet.versions.get("web-01")).isEqualTo("1.0");
    assertThatThrownBy(() -> engine.control(id, ControlVerb.RESUME, "alice")).isInstanceOf(ConflictException.class);
  }

  @Test void hungApplyCountsAsFailureAtItsTimeout() throws Exception {
    fleetOf(2);
    fleet.hangApply.add("web-01");
    plan("- wave: {percent: 100, maxConcurrency: 2, maxErrors: 1}");
    Rollout r = awaitEnd(start().id());
    assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(targets(r.id()).get(0).state()).isEqualTo(TargetState.FAILED);
    assertThat(targets(r.id()).get(0).error()).contains("timed out");
  }

  @Test void manualRollbackWaitsHaltedForAnOperator() throws Exception {
    fleetOf(2);
    fleet.failApply.add("web-01");
    plan("- snapshot: {}\n- wave: {percent: 100, maxConcurrency: 1}", "manual");
    String id = start().id();
    Rollout r = awaitEnd(id);
    assertThat(r.state()).isEqualTo(RolloutState.HALTED);
    engine.control(id, ControlVerb.ABORT, "alice");
    assertThat(awaitEnd(id).state()).isEqualTo(RolloutState.ROLLED_BACK);
  }

  @Test void restartedNodeResumesWithoutPatchingTwice() throws Exception {
    fleetOf(8);
    fleet.applyLatency = Duration.ofMillis(150);
    plan("- canary: {count: 1}\n- wave: {percent: 100, maxConcurrency: 2}");
    String id = start().id();
    await(id, r -> targets(id).stream().filter(t -> t.state() == TargetState.HEALTHY).count() >= 3);
    engine.close(); // the node stops mid-wave: in-flight applies are interrupted
    assertThat(targets(id)).anySatisfy(t -> assertThat(t.state()).isEqualTo(TargetState.PENDING));
    engine = newEngine("node-a");
    engine.start();
    Rollout r = awaitEnd(id);
    assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(fleet.effective).allSatisfy((h, n) -> assertThat(n.get()).as(h).isEqualTo(1));
    assertThat(fleet.effective).hasSize(8);
  }

  @Test void staleFenceWritesNothing() {
    fleetOf(1);
    plan("- approval: {}\n- wave: {percent: 100}");
    String id = start().id();
    var rollouts = store.rollouts();
    Fence stale = new Fence(id, "node-a", 0);
    assertThatThrownBy(() -> rollouts.saveTargets(stale, targets(id), List.of())).isInstanceOf(LeaseLostException.class);
    // Another node cannot claim a lease that is alive.
    assertThat(rollouts.claim(id, "node-b", clock.instant(), clock.instant().plusSeconds(30))).isEmpty();
    // Once it expires, node-b wins and node-a's fence is stale.
    clock.advance(Duration.ofMinutes(5));
    assertThat(rollouts.claim(id, "node-b", clock.instant(), clock.instant().plusSeconds(30))).isPresent();
  }

  @Test void recordsSnapshotIdsAndDeletesSnapshotsBeyondRetention() throws Exception {
    fleetOf(3);
    StringBuilder patches = new StringBuilder();
    for (String v : List.of("3.0", "4.0"))
      patches.append("---\napiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: p").append(v.charAt(0))
          .append("}\nspec: {kind: security, priority: high, version: '").append(v).append("'}\n");
    patches.append("""
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: sop}
        spec:
          targets: {selector: "environment=production"}
          executor: {type: fake, apply: [apply, "{{patch.version}}"], version: [version], timeout: 300ms}
          snapshot: {type: command, create: [snapshot, "snap-{{rollout.id}}"], restore: [restore], delete: [delete, "{{snapshot.id}}"], retain: 2}
          stages:
            - snapshot: {}
            - wave: {percent: 100}
        """);
    store.documents().apply(parser.parse("more.yaml", patches.toString()), "tester");
    List<String> ids = new java.util.ArrayList<>();
    for (String patch : List.of("p2", "p3", "p4")) {
      List<Asset> assets = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
      Rollout r = engine.create(new RolloutRequest(store.documents().find(DocumentKind.PLAN, "sop").orElseThrow(),
          store.documents().find(DocumentKind.PATCH, patch).orElseThrow(), assets, "tester"));
      assertThat(awaitEnd(r.id()).state()).isEqualTo(RolloutState.SUCCEEDED);
      assertThat(store.rollouts().targets(r.id())).allSatisfy(t -> assertThat(t.snapshotId()).isEqualTo("snap-" + r.id()));
      ids.add(r.id());
    }
    // retain: 2 keeps the snapshots of the last two rollouts; the first rollout's are deleted, once.
    assertThat(fleet.deletedSnapshots).containsExactlyInAnyOrder(
        "web-01:snap-" + ids.get(0), "web-02:snap-" + ids.get(0), "web-03:snap-" + ids.get(0));
    assertThat(store.audit().forSubject("rollout/" + ids.get(0))).filteredOn(e -> e.action().equals("snapshot.deleted")).hasSize(3);
    assertThat(store.audit().forSubject("rollout/" + ids.get(2))).filteredOn(e -> e.action().equals("target.snapshot_taken"))
        .hasSize(3).allSatisfy(e -> assertThat(e.details()).contains("snap-" + ids.get(2)));
  }

  @Test void notifyQueuesOneNoticeThroughTheAuditLogEvenAcrossARestartAndWaitsTheNoticePeriod() throws Exception {
    fleetOf(2);
    plan("- notify: {before: 30m, channel: sre}\n- wave: {percent: 100}");
    String id = start().id();
    awaitStage(id, dev.suture.core.rollout.StageState.WAITING);
    engine.close(); // the node stops during the notice period
    engine = newEngine("node-a");
    engine.start();
    awaitAudit(id, "stage.resumed");
    awaitStage(id, dev.suture.core.rollout.StageState.WAITING);
    assertThat(fleet.effective).as("nothing patched during the notice period").isEmpty();
    clock.advance(Duration.ofMinutes(30));
    Rollout r = awaitEnd(id);
    assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED);
    var notices = store.audit().forSubject("rollout/" + id).stream().filter(e -> e.action().equals("notify.notice")).toList();
    assertThat(notices).as("queued once, not again on resume").hasSize(1);
    var details = dev.suture.core.json.Json.readObject(notices.get(0).details());
    assertThat(details).containsEntry("channel", "sre").containsEntry("targets", 2L)
        .containsEntry("plannedStart", r.stages().get(0).startedAt().plus(Duration.ofMinutes(30)).toString());
    assertThat(r.stages().get(0).summary()).isEqualTo("notice queued for channel sre");
  }

}
