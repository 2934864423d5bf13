package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.json.Json;
import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.StageState;
import dev.suture.core.rollout.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Gates in the real engine on a manual clock (docs/analysis.md, plan-reference "Gates"): the
 * measurement limits decide, inconclusive pauses for a human, errors are retried and then halt,
 * dry-run checks never decide, and the operator's fast rollback does not wait for anything.
 */
abstract class GateScenarios extends EngineFixture {
  private static final String CANARY_THEN_BAKE = """
      - snapshot: {}
      - canary: {count: 1, checks: [health]}
      - bake: {duration: 10m, interval: 1m, checks: [health]}
      - wave: {percent: 100}
      """;

  /** Starts the rollout and waits until the bake (stage 2) is observing the canary. */
  private String startAndAwaitBake() throws InterruptedException {
    String id = start().id();
    await(id, r -> r.stageIndex() == 2 && r.currentStage().state() == StageState.WAITING);
    return id;
  }

  private Map<String, Object> lastVerdict(String id) {
    List<AuditEvent> verdicts = events(id, "gate.verdict");
    assertThat(verdicts).isNotEmpty();
    return Json.readObject(verdicts.get(verdicts.size() - 1).details());
  }

  @Test void anInconclusiveGatePausesTheRolloutUntilAnOperatorResumes() throws Exception {
    fleetOf(3);
    plan(CANARY_THEN_BAKE);
    String id = startAndAwaitBake();
    fleet.inconclusiveHosts.add("web-01");
    Rollout paused = await(id, r -> r.state() == RolloutState.PAUSED);
    assertThat(paused.currentStage().state()).isEqualTo(StageState.WAITING);
    assertThat(paused.currentStage().summary()).contains("inconclusive").contains("health").contains("resume or promote");
    assertThat(lastVerdict(id)).containsEntry("outcome", "pause").containsEntry("metric", "health");
    // Paused means paused: time passes, nothing else is patched.
    clock.advance(Duration.ofHours(2));
    Thread.sleep(100);
    assertThat(store.rollouts().find(id).orElseThrow().state()).isEqualTo(RolloutState.PAUSED);
    assertThat(fleet.applies("web-02")).isZero();

    fleet.inconclusiveHosts.clear();
    engine.control(id, ControlVerb.RESUME, "alice");
    assertThat(awaitEnd(id).state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(events(id, "gate.overridden")).hasSize(1);
    assertThat(fleet.applies("web-03")).isEqualTo(1);
  }

  @Test void promoteAlsoPassesAnInconclusiveGateAndAbortRollsItBack() throws Exception {
    fleetOf(3);
    plan(CANARY_THEN_BAKE);
    String id = startAndAwaitBake();
    fleet.inconclusiveHosts.add("web-01");
    await(id, r -> r.state() == RolloutState.PAUSED);
    fleet.inconclusiveHosts.clear();
    engine.control(id, ControlVerb.PROMOTE, "alice");
    assertThat(awaitEnd(id).state()).isEqualTo(RolloutState.SUCCEEDED);

    fleet.versions.replaceAll((h, v) -> "1.0");
    String second = startAndAwaitBake();
    fleet.inconclusiveHosts.add("web-01");
    await(second, r -> r.state() == RolloutState.PAUSED);
    fleet.inconclusiveHosts.clear();
    engine.control(second, ControlVerb.ABORT, "alice");
    Rollout r = awaitEnd(second);
    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(r.haltReason()).contains("aborted by operator after an inconclusive gate");
    assertThat(fleet.versions.get("web-01")).isEqualTo("1.0");
  }

  @Test void unreadableHealthIsRetriedEveryTenSecondsAndHaltsAfterTheConsecutiveErrorLimit() throws Exception {
    fleetOf(3);
    plan("- {name: health, command: {argv: [health]}, consecutiveErrorLimit: 2}", CANARY_THEN_BAKE, "automatic", "300ms");
    String id = startAndAwaitBake();
    int before = fleet.healthChecks.get("web-01").get();
    fleet.unreadableHosts.add("web-01");
    Rollout r = awaitEnd(id);
    // Never a pass: the gate halted, and the restored canary cannot prove its health either.
    assertThat(r.state()).isEqualTo(RolloutState.ROLLBACK_FAILED);
    assertThat(r.haltReason()).contains("health ERROR").contains("3 consecutive > limit 2");
    Map<String, Object> verdict = lastVerdict(id);
    assertThat(verdict).containsEntry("outcome", "halt").containsEntry("metric", "health");
    Instant firstBad = Instant.parse((String) verdict.get("firstBadAt"));
    Instant halted = events(id, "rollout.halted").get(0).time();
    // Three errors, 10 s apart (not the 1 m interval): the halt comes 20 s after the first.
    assertThat(Duration.between(firstBad, halted)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(50));
    // 3 gate measurements, no fourth: the gate stopped at the limit (the rest are the rollback's
    // confirmation attempts, retried for 30 s, which the verdict does not count).
    assertThat(String.valueOf(verdict.get("metrics"))).contains("errors 3 (3 consecutive/limit 2)");
    assertThat(fleet.healthChecks.get("web-01").get() - before).isGreaterThanOrEqualTo(4);
    assertThat(fleet.applies("web-02")).isZero();
  }

  @Test void failureLimitAllowsThatManyFailedMeasurements() throws Exception {
    fleetOf(2);
    plan("- {name: health, command: {argv: [health]}, failureLimit: 1}", CANARY_THEN_BAKE, "automatic", "300ms");
    String id = startAndAwaitBake();
    fleet.failHealthTimes.put("web-01", new AtomicInteger(1));
    assertThat(awaitEnd(id).state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(lastVerdictOfStage(id, 2)).containsEntry("outcome", "continue");
    assertThat(String.valueOf(lastVerdictOfStage(id, 2).get("metrics"))).contains("failed 1/limit 1");

    fleet.versions.replaceAll((h, v) -> "1.0");
    String second = startAndAwaitBake();
    fleet.failHealthTimes.put("web-01", new AtomicInteger(2));
    Rollout r = awaitEnd(second);
    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(r.haltReason()).contains("health FAILED");
  }

  @Test void aDryRunCheckIsMeasuredButNeverDecides() throws Exception {
    fleetOf(2);
    plan("""
        - {name: health, command: {argv: [health]}}
        - {name: shadow, command: {argv: [fail]}, dryRun: true}
        """, """
        - canary: {count: 1, checks: [health]}
        - bake: {duration: 5m, interval: 1m, checks: [health, shadow]}
        - wave: {percent: 100, checks: [health]}
        """, "automatic", "300ms");
    Rollout r = awaitEnd(start().id());
    assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED);
    Map<String, Object> verdict = lastVerdictOfStage(r.id(), 1);
    assertThat(verdict).containsEntry("outcome", "continue");
    assertThat(String.valueOf(verdict.get("metrics"))).contains("shadow").contains("FAILED");
  }

  @Test void theFastRollbackCancelsInFlightAppliesAndSkipsTheChecks() throws Exception {
    fleetOf(3);
    fleet.hangApply.add("web-02");
    plan("- {name: health, command: {argv: [health]}}", """
        - snapshot: {}
        - wave: {percent: 100, maxConcurrency: 1}
        """, "automatic", "10m");
    String id = start().id();
    // web-01 done, web-02 hung, web-03 waiting for its slot (maxConcurrency 1).
    await(id, r -> targets(id).stream().filter(t -> t.state() == TargetState.HEALTHY).count() == 1
        && targets(id).get(1).state() == TargetState.APPLYING);
    fleet.unhealthyHosts.add("web-01"); // would fail a normal rollback's confirmation
    long t0 = System.nanoTime();
    engine.control(id, ControlVerb.ROLLBACK, "alice");
    Rollout r = awaitEnd(id);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(r.haltReason()).startsWith("fast rollback requested by operator");
    assertThat(ms).as("did not wait for the hung apply (10 min timeout)").isLessThan(20_000);
    // web-01 and the cancelled web-02 are restored; web-03 was never started (one slot).
    assertThat(fleet.applies("web-03")).isZero();
    assertThat(events(id, "target.rolled_back")).hasSize(2)
        .allSatisfy(e -> assertThat(e.details()).contains("skipped (fast rollback)"));
    assertThat(Json.readObject(events(id, "rollback.started").get(0).details())).containsEntry("trigger", "operator rollback (fast)");
    assertThat(fleet.versions).allSatisfy((h, v) -> assertThat(v).as(h).isEqualTo("1.0"));
  }

  private Map<String, Object> lastVerdictOfStage(String id, int stage) {
    Map<String, Object> last = null;
    for (AuditEvent e : events(id, "gate.verdict")) {
      Map<String, Object> d = Json.readObject(e.details());
      if (((Number) d.get("stage")).intValue() == stage) last = d;
    }
    assertThat(last).as("a gate.verdict for stage " + stage).isNotNull();
    return last;
  }
}
