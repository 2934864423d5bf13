package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.Adapters;
import dev.suture.core.engine.EngineConfig;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.engine.RolloutRequest;
import dev.suture.core.model.Asset;
import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetState;
import dev.suture.core.testing.FakeFleet;
import dev.suture.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance windows in the engine, against a real database (subclassed per database) on a
 * manual clock. The window opens daily at 12:00 UTC for 1h with a 10m cutoff; the clock starts
 * at 10:00, so a new rollout must wait. Time moves only when a test moves it.
 */
abstract class WindowScenarios {
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
    engine = newEngine();
    engine.start();
  }

  RolloutEngine newEngine() {
    return new RolloutEngine(store.rollouts(), store.audit(),
        new Adapters(List.of(fleet), List.of(new FakeFleet.CommandCheck()), Optional.empty(), store.calendar()), clock,
        EngineConfig.defaults("node-a").withTick(Duration.ofMillis(5)));
  }

  @AfterEach void tearDown() throws Exception {
    fleet.release.countDown();
    if (engine != null) engine.close();
    if (store != null) store.close();
  }

  void apply(String yaml) { store.documents().apply(parser.parse("test.yaml", yaml), "tester"); }

  void fleetOf(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      String name = String.format("web-%02d", i);
      fleet.host(name, "1.0");
      sb.append("---\napiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: ").append(name)
          .append("}\nspec: {environment: production}\n");
    }
    sb.append("---\napiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: p2}\nspec: {kind: security, priority: high, version: '2.0'}\n");
    apply(sb.toString());
  }

  void noonWindow() {
    apply("""
        apiVersion: suture.dev/v1
        kind: MaintenanceWindow
        metadata: {name: noon}
        spec: {schedule: "0 12 * * *", duration: 1h, cutoff: 10m}
        """);
  }

  void plan(String window) { plan(window, "- wave: {percent: 100, maxConcurrency: 1}"); }

  void plan(String window, String stages) {
    apply("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: sop}
        spec:
          targets: {selector: "environment=production"}
          executor: {type: fake, apply: [apply, "{{patch.version}}"], version: [version], timeout: 2s}
          snapshot: {type: command, create: [snapshot], restore: [restore]}
          stages:
        %s
          window: %s
        """.formatted(stages.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse(""), window));
  }

  String start() {
    List<Asset> assets = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
    return engine.create(new RolloutRequest(store.documents().find(DocumentKind.PLAN, "sop").orElseThrow(),
        store.documents().find(DocumentKind.PATCH, "p2").orElseThrow(), assets, "tester")).id();
  }

  /** Polls the store in real time (the manual clock stays where the test put it). */
  Rollout await(String id, Predicate<Rollout> done) throws InterruptedException {
    long end = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < end) {
      Rollout r = store.rollouts().find(id).orElseThrow();
      if (done.test(r)) return r;
      Thread.sleep(10);
    }
    throw new AssertionError("timed out; rollout is " + store.rollouts().find(id).orElseThrow().state());
  }

  Rollout awaitState(String id, RolloutState state) throws InterruptedException { return await(id, r -> r.state() == state); }

  void moveClockTo(String iso) { clock.advance(Duration.between(clock.instant(), Instant.parse(iso))); }

  List<AuditEvent> audit(String id, String action) {
    return store.audit().forSubject("rollout/" + id).stream().filter(e -> e.action().equals(action)).toList();
  }

  @Test void aRolloutCreatedOutsideItsWindowWaitsAndStartsWhenItOpens() throws Exception {
    fleetOf(3);
    noonWindow();
    plan("noon");
    String id = start();
    awaitState(id, RolloutState.WAITING_FOR_WINDOW);
    assertThat(audit(id, "rollout.waiting_for_window")).singleElement()
        .satisfies(e -> assertThat(e.details()).contains("2026-11-22T12:00:00Z"));

    moveClockTo("2026-11-22T11:59:00Z");
    Thread.sleep(300);
    assertThat(store.rollouts().find(id).orElseThrow().state()).isEqualTo(RolloutState.WAITING_FOR_WINDOW);
    assertThat(fleet.applies).isEmpty();

    moveClockTo("2026-11-22T12:00:00Z");
    assertThat(awaitState(id, RolloutState.SUCCEEDED).state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(fleet.effective).hasSize(3).allSatisfy((h, n) -> assertThat(n.get()).isEqualTo(1));
    assertThat(audit(id, "rollout.window_opened")).hasSize(1);
    assertThat(audit(id, "rollout.started")).hasSize(1);
  }

  @Test void stopsStartingTargetsAtTheCutoffAndResumesTheSameWaveInTheNextWindow() throws Exception {
    fleetOf(6);
    noonWindow();
    plan("noon");
    moveClockTo("2026-11-22T12:00:00Z");
    // web-03 starts at 12:00; while it is in flight the clock passes the cutoff (12:50).
    fleet.onApply = host -> {
      if (host.equals("web-03")) moveClockTo("2026-11-22T12:55:00Z");
    };
    String id = start();
    Rollout waiting = awaitState(id, RolloutState.WAITING_FOR_WINDOW);
    assertThat(waiting.stageIndex()).isZero();
    // The in-flight target finished and counts; nothing started after the cutoff.
    assertThat(store.rollouts().targets(id)).extracting(t -> t.name() + "=" + t.state())
        .containsExactly("web-01=HEALTHY", "web-02=HEALTHY", "web-03=HEALTHY", "web-04=PENDING", "web-05=PENDING", "web-06=PENDING");
    assertThat(fleet.applies.keySet()).containsExactlyInAnyOrder("web-01", "web-02", "web-03");
    assertThat(audit(id, "window.cutoff_reached")).singleElement().satisfies(e -> assertThat(e.details()).contains("3"));
    assertThat(audit(id, "rollout.waiting_for_window")).singleElement()
        .satisfies(e -> assertThat(e.details()).contains("2026-11-23T12:00:00Z"));

    fleet.onApply = host -> {};
    moveClockTo("2026-11-23T12:00:00Z");
    assertThat(awaitState(id, RolloutState.SUCCEEDED).state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(fleet.applies).hasSize(6).allSatisfy((h, n) -> assertThat(n.get()).as(h).isEqualTo(1));
    assertThat(store.rollouts().targets(id)).allSatisfy(t -> assertThat(t.state()).isEqualTo(TargetState.HEALTHY));
    assertThat(audit(id, "rollout.window_opened")).hasSize(1);
    assertThat(audit(id, "rollout.started")).hasSize(1);
  }

  @Test void aRestartedNodeResumesTheWaitingWaveWithoutPatchingTwice() throws Exception {
    fleetOf(4);
    noonWindow();
    plan("noon");
    moveClockTo("2026-11-22T12:00:00Z");
    fleet.onApply = host -> {
      if (host.equals("web-02")) moveClockTo("2026-11-22T12:51:00Z");
    };
    String id = start();
    awaitState(id, RolloutState.WAITING_FOR_WINDOW);
    fleet.onApply = host -> {};
    engine.close(); // the node stops while waiting; the state is in the store
    assertThat(store.rollouts().find(id).orElseThrow().state()).isEqualTo(RolloutState.WAITING_FOR_WINDOW);

    engine = newEngine();
    engine.start();
    Thread.sleep(200);
    assertThat(fleet.applies.keySet()).containsExactlyInAnyOrder("web-01", "web-02");
    moveClockTo("2026-11-23T12:00:00Z");
    assertThat(awaitState(id, RolloutState.SUCCEEDED).state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(fleet.effective).hasSize(4).allSatisfy((h, n) -> assertThat(n.get()).as(h).isEqualTo(1));
  }

  @Test void abortWhileWaitingAfterTheCutoffRollsBackWhatTheEarlierOpeningPatched() throws Exception {
    fleetOf(4);
    noonWindow();
    plan("noon", "- snapshot: {}\n- wave: {percent: 100, maxConcurrency: 1}");
    moveClockTo("2026-11-22T12:00:00Z");
    fleet.onApply = host -> {
      if (host.equals("web-02")) moveClockTo("2026-11-22T12:51:00Z");
    };
    String id = start();
    awaitState(id, RolloutState.WAITING_FOR_WINDOW);
    engine.control(id, ControlVerb.ABORT, "alice");
    Rollout r = awaitState(id, RolloutState.ROLLED_BACK);
    assertThat(r.haltReason()).contains("waiting for maintenance window noon");
    assertThat(store.rollouts().targets(id)).extracting(t -> t.name() + "=" + t.state())
        .containsExactly("web-01=ROLLED_BACK", "web-02=ROLLED_BACK", "web-03=PENDING", "web-04=PENDING");
    assertThat(fleet.versions).allSatisfy((h, v) -> assertThat(v).as(h).isEqualTo("1.0"));
  }

  @Test void aPlanNamingAMissingWindowHaltsWithAClearReason() throws Exception {
    fleetOf(2);
    plan("no-such-window");
    String id = start();
    Rollout r = await(id, x -> x.state() == RolloutState.HALTED && !engine.isDriving(id));
    assertThat(r.haltReason()).isEqualTo("maintenance window 'no-such-window' named by plan sop does not exist");
    assertThat(fleet.applies).isEmpty();
    assertThat(audit(id, "rollout.halted")).hasSize(1);
  }

  @Test void abortWhileWaitingEndsTheRolloutWithoutTouchingAnything() throws Exception {
    fleetOf(2);
    noonWindow();
    plan("noon");
    String id = start();
    awaitState(id, RolloutState.WAITING_FOR_WINDOW);
    engine.control(id, ControlVerb.ABORT, "alice");
    assertThat(awaitState(id, RolloutState.ABORTED).haltReason()).contains("waiting for maintenance window noon");
    assertThat(fleet.applies).isEmpty();
  }

  @Test void aWindowEditedWhileWaitingAppliesToTheWaitingRollout() throws Exception {
    fleetOf(1);
    noonWindow();
    plan("noon");
    String id = start();
    awaitState(id, RolloutState.WAITING_FOR_WINDOW);
    // Open it now instead: the driver re-reads the window at least every minute of engine time.
    apply("""
        apiVersion: suture.dev/v1
        kind: MaintenanceWindow
        metadata: {name: noon}
        spec: {schedule: "0 10 * * *", duration: 1h}
        """);
    moveClockTo("2026-11-22T10:01:00Z");
    assertThat(awaitState(id, RolloutState.SUCCEEDED).state()).isEqualTo(RolloutState.SUCCEEDED);
  }

  // --- The notice rule: a notify stage with before: D tells the team D before the window opens. ---

  /** Opens daily at 02:00 UTC for 2h, cutoff 30m (latest start 03:30); the plan gives 30 minutes' notice. */
  void nightWindowWithNotice(String stages) {
    apply("""
        apiVersion: suture.dev/v1
        kind: MaintenanceWindow
        metadata: {name: night}
        spec: {schedule: "0 2 * * *", duration: 2h, cutoff: 30m}
        """);
    plan("night", stages);
  }

  static final String NOTICE_THEN_WAVE = "- notify: {before: 30m}\n- wave: {percent: 100, maxConcurrency: 1}";

  /** Engine-clock instants at which targets were patched. */
  List<Instant> patchedAt() {
    List<Instant> at = new CopyOnWriteArrayList<>();
    fleet.onApply = host -> at.add(clock.instant());
    return at;
  }

  AuditEvent awaitOneNotice(String id) throws InterruptedException {
    await(id, r -> !audit(id, "notify.notice").isEmpty());
    return audit(id, "notify.notice").get(0);
  }

  /** Lets a driver that should do nothing run for a while in real time, on a clock that stands still. */
  void idle() throws InterruptedException { Thread.sleep(300); }

  @Test void aNoticeBeforeAClosedWindowGoesOutThatLongBeforeItOpens() throws Exception {
    fleetOf(2);
    nightWindowWithNotice(NOTICE_THEN_WAVE);
    List<Instant> patched = patchedAt();
    moveClockTo("2026-11-23T00:00:00Z");
    String id = start();
    awaitState(id, RolloutState.WAITING_FOR_WINDOW);
    moveClockTo("2026-11-23T01:29:00Z");
    idle();
    assertThat(audit(id, "notify.notice")).isEmpty();

    moveClockTo("2026-11-23T01:30:00Z");
    AuditEvent notice = awaitOneNotice(id);
    assertThat(notice.time()).isEqualTo("2026-11-23T01:30:00Z");
    assertThat(notice.details()).contains("2026-11-23T02:00:00Z").contains("in 30m");
    assertThat(audit(id, "rollout.notice_period_started")).hasSize(1);
    moveClockTo("2026-11-23T01:59:00Z");
    idle();
    assertThat(fleet.applies).isEmpty();

    moveClockTo("2026-11-23T02:00:00Z");
    awaitState(id, RolloutState.SUCCEEDED);
    assertThat(patched).hasSize(2).allSatisfy(t -> assertThat(t).isEqualTo("2026-11-23T02:00:00Z"));
    assertThat(audit(id, "notify.notice")).hasSize(1);
    assertThat(audit(id, "rollout.started")).hasSize(1);
  }

  @Test void aRolloutCreatedInsideTheNoticePeriodNotifiesAtOnceAndStartsAtTheOpening() throws Exception {
    fleetOf(1);
    nightWindowWithNotice(NOTICE_THEN_WAVE);
    List<Instant> patched = patchedAt();
    moveClockTo("2026-11-23T01:50:00Z");
    String id = start();
    AuditEvent notice = awaitOneNotice(id);
    assertThat(notice.time()).isEqualTo("2026-11-23T01:50:00Z");
    assertThat(notice.details()).contains("2026-11-23T02:00:00Z").contains("in 10m");
    idle();
    assertThat(fleet.applies).isEmpty();

    moveClockTo("2026-11-23T02:00:00Z");
    awaitState(id, RolloutState.SUCCEEDED);
    assertThat(patched).containsExactly(Instant.parse("2026-11-23T02:00:00Z"));
  }

  @Test void aRestartDuringTheNoticePeriodNeitherNotifiesTwiceNorStartsEarly() throws Exception {
    fleetOf(2);
    nightWindowWithNotice(NOTICE_THEN_WAVE);
    List<Instant> patched = patchedAt();
    moveClockTo("2026-11-23T00:00:00Z");
    String id = start();
    awaitState(id, RolloutState.WAITING_FOR_WINDOW);
    moveClockTo("2026-11-23T01:30:00Z");
    awaitOneNotice(id);
    await(id, r -> r.stages().get(0).state() == dev.suture.core.rollout.StageState.WAITING);
    moveClockTo("2026-11-23T01:45:00Z");
    engine.close(); // the node stops in the notice period; the state is in the store
    engine = newEngine();
    engine.start();
    idle();
    assertThat(audit(id, "notify.notice")).hasSize(1);
    assertThat(fleet.applies).isEmpty();

    moveClockTo("2026-11-23T02:00:00Z");
    awaitState(id, RolloutState.SUCCEEDED);
    assertThat(audit(id, "notify.notice")).hasSize(1);
    assertThat(patched).hasSize(2).allSatisfy(t -> assertThat(t).isEqualTo("2026-11-23T02:00:00Z"));
  }

  @Test void aNoticePeriodThatWouldCrossTheCutoffWaitsForTheNextWindow() throws Exception {
    fleetOf(1);
    // The window is open at 03:10 but 03:40 is past its latest start (03:30): nothing is announced
    // for a start that cannot happen; the notice goes out 30m before the next opening instead.
    nightWindowWithNotice("- snapshot: {}\n" + NOTICE_THEN_WAVE);
    List<Instant> patched = patchedAt();
    moveClockTo("2026-11-23T03:10:00Z");
    String id = start();
    awaitState(id, RolloutState.WAITING_FOR_WINDOW);
    assertThat(audit(id, "window.cutoff_reached")).singleElement().satisfies(e -> assertThat(e.details()).contains("notice period"));
    assertThat(audit(id, "rollout.waiting_for_window")).singleElement()
        .satisfies(e -> assertThat(e.details()).contains("2026-11-24T02:00:00Z"));
    assertThat(audit(id, "notify.notice")).isEmpty();

    moveClockTo("2026-11-24T01:30:00Z");
    assertThat(awaitOneNotice(id).details()).contains("2026-11-24T02:00:00Z");
    moveClockTo("2026-11-24T02:00:00Z");
    awaitState(id, RolloutState.SUCCEEDED);
    assertThat(patched).containsExactly(Instant.parse("2026-11-24T02:00:00Z"));
    assertThat(audit(id, "notify.notice")).hasSize(1);
  }
}
