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
 * The rollout engine against a real database (subclassed per database) and an in-process fleet, on
 * a manual clock: what the engine scenario classes share.
 */
abstract class EngineFixture {
  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-11-22T10:00:00Z");
  final FakeFleet fleet = new FakeFleet();
  final DocumentParser parser = new DocumentParser(Set.of("fake"));
  Store store;
  RolloutEngine engine;

  abstract String url();
  String user() { return null; }
  String password() { return null; }

  @BeforeEach void setUp() {
    store = Store.open(url(), user(), password(), 8, clock, parser);
    engine = newEngine("node-a");
    engine.start();
  }

  RolloutEngine newEngine(String owner) {
    return new RolloutEngine(store.rollouts(), store.audit(),
        new Adapters(List.of(fleet), List.of(new FakeFleet.CommandCheck()), Optional.empty()), clock,
        EngineConfig.defaults(owner).withTick(Duration.ofMillis(5)));
  }

  @AfterEach void tearDown() throws Exception {
    fleet.release.countDown();
    // Both are null when setUp was skipped (no PostgreSQL outside CI).
    if (engine != null) engine.close();
    if (store != null) store.close();
  }

  void fleetOf(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      String name = String.format("web-%02d", i);
      fleet.host(name, "1.0");
      sb.append("---\napiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: ").append(name)
          .append(", labels: {role: web}}\nspec: {environment: production}\n");
    }
    sb.append("---\napiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: p2}\nspec: {kind: security, priority: high, version: '2.0'}\n");
    store.documents().apply(parser.parse("fleet.yaml", sb.toString()), "tester");
  }

  void plan(String stages) { plan(stages, "automatic"); }

  void plan(String stages, String rollback) { plan("- {name: health, command: {argv: [health]}}", stages, rollback, "300ms"); }

  /** A plan with these checks (YAML list items) and stages, rollback policy and apply timeout. */
  void plan(String checks, String stages, String rollback, String timeout) {
    String yaml = """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: sop}
        spec:
          targets: {selector: "environment=production"}
          executor: {type: fake, apply: [apply, "{{patch.version}}"], version: [version], timeout: %s}
          snapshot: {type: command, create: [snapshot], restore: [restore]}
          checks:
        """.formatted(timeout) + indent(checks) + "  stages:\n" + indent(stages) + "  onFailure: {rollback: " + rollback + ", incident: P1}\n";
    store.documents().apply(parser.parse("plan.yaml", yaml), "tester");
  }

  private static String indent(String lines) {
    return lines.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }

  /** The audit events of a rollout with this action, oldest first. */
  List<dev.suture.core.audit.AuditEvent> events(String id, String action) {
    return store.audit().forSubject("rollout/" + id).stream().filter(e -> e.action().equals(action)).toList();
  }

  Rollout start() {
    List<Asset> assets = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
    Document plan = store.documents().find(DocumentKind.PLAN, "sop").orElseThrow();
    Document patch = store.documents().find(DocumentKind.PATCH, "p2").orElseThrow();
    return engine.create(new RolloutRequest(plan, patch, assets, "tester"));
  }

  /** Polls the store while moving the manual clock 1 s per poll, until the rollout matches. */
  Rollout await(String id, Predicate<Rollout> done) throws InterruptedException {
    long end = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < end) {
      Rollout r = store.rollouts().find(id).orElseThrow();
      if (done.test(r)) return r;
      clock.advance(Duration.ofSeconds(1));
      Thread.sleep(10);
    }
    throw new AssertionError("timed out; rollout is " + store.rollouts().find(id).orElseThrow().state());
  }

  Rollout awaitEnd(String id) throws InterruptedException {
    // HALTED is passed through on the way to ROLLING_BACK; it is an end only once no node drives it.
    await(id, x -> x.state().isTerminal() || (x.state() == RolloutState.HALTED && !engine.isDriving(id)));
    engine.awaitIdle(5000);
    return store.rollouts().find(id).orElseThrow();
  }

  List<TargetRun> targets(String id) { return store.rollouts().targets(id); }

  void awaitStage(String id, dev.suture.core.rollout.StageState state) throws InterruptedException {
    long end = System.currentTimeMillis() + 10_000;
    while (store.rollouts().find(id).orElseThrow().stages().get(0).state() != state) {
      if (System.currentTimeMillis() > end) throw new AssertionError("stage 0 never reached " + state);
      Thread.sleep(10);
    }
  }

  void awaitAudit(String id, String action) throws InterruptedException {
    long end = System.currentTimeMillis() + 10_000;
    while (store.audit().forSubject("rollout/" + id).stream().noneMatch(e -> e.action().equals(action))) {
      if (System.currentTimeMillis() > end) throw new AssertionError("no " + action + " for " + id);
      Thread.sleep(10);
    }
  }
}
