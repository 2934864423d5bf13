package dev.suture.core.engine;

import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.CheckResult;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores every touched target, newest batch first: from its snapshot, else with the executor's
 * rollback command. Each restored target must then pass the plan's checks to count as ROLLED_BACK
 * (retried every {@link #CONFIRM_RETRY} for up to {@link #CONFIRM_WINDOW}: metrics lag a restore by
 * a scrape and a rate window, so the first reading after it may still show the bad version),
 * except in a fast rollback (the operator's {@code rollback} verb), which skips them: the operator has
 * already judged, and every second counts.
 */
final class Rollback {
  private static final Logger log = LoggerFactory.getLogger(Rollback.class);
  static final java.time.Duration CONFIRM_WINDOW = java.time.Duration.ofSeconds(30);
  static final java.time.Duration CONFIRM_RETRY = java.time.Duration.ofSeconds(2);

  private final Drive drive;
  private final Actions actions;
  private final CheckSuite checks;
  private final boolean fast;

  Rollback(Drive drive, Actions actions, CheckSuite checks, boolean fast) {
    this.drive = drive;
    this.actions = actions;
    this.checks = checks;
    this.fast = fast;
  }

  /** @return true when every touched target was restored and confirmed. */
  boolean run() throws InterruptedException {
    TreeMap<Integer, List<TargetRun>> byBatch = new TreeMap<>();
    for (TargetRun r : drive.targets(t -> t.state().isTouched() && !t.state().isTerminal()))
      byBatch.computeIfAbsent(r.batch(), b -> new ArrayList<>()).add(r);
    ExecutorService pool = Executors.newFixedThreadPool(drive.config.rollbackConcurrency(),
        BatchRunner.named("suture-" + drive.rollout().id() + "-rb"));
    try {
      for (List<TargetRun> batch : byBatch.descendingMap().values()) {
        List<Future<?>> futures = new ArrayList<>();
        for (TargetRun r : batch) futures.add(pool.submit(() -> { restore(r); return null; }));
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("rollback of a target raised " + e.getCause(), e.getCause());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return drive.targets(t -> t.state() == TargetState.ROLLBACK_FAILED).isEmpty();
  }

  private void restore(TargetRun run) throws InterruptedException {
    TargetRun rb = run.state() == TargetState.ROLLING_BACK ? run : drive.write(run.to(TargetState.ROLLING_BACK, drive.now()));
    var plan = drive.rollout().plan();
    ActionResult result;
    String how;
    if (rb.snapshotTaken()) {
      var snap = plan.snapshot().orElseThrow();
      result = actions.run(rb, ActionKind.RESTORE, snap.restore(), snap.timeout());
      how = "snapshot restored";
    } else if (rb.attempts() == 0) {
      // Failed before the apply ever ran (e.g. the snapshot failed): nothing was changed.
      result = new ActionResult(0, "", false, java.time.Duration.ZERO, null);
      how = "not changed (apply never ran)";
    } else if (!plan.executor().rollback().isEmpty()) {
      result = actions.run(rb, ActionKind.ROLLBACK, plan.executor().rollback(), plan.executor().timeout());
      how = "rollback command ran";
    } else {
      fail(rb, "no snapshot was taken and executor.rollback is not set: restore by hand");
      return;
    }
    if (!result.ok()) {
      fail(rb, "restore failed: " + result.describe());
      return;
    }
    String version = rb.version();
    if (actions.hasVersionProbe()) {
      ActionResult probe = actions.probeVersionNow(rb);
      if (probe.ok()) version = Actions.version(probe);
    }
    Optional<CheckResult> bad = fast ? Optional.empty() : confirm(rb);
    if (bad.isPresent()) {
      fail(rb.withVersion(version), how + " but check '" + bad.get().check() + "' still " + bad.get().status().name().toLowerCase()
          + ": " + bad.get().message());
      return;
    }
    drive.write(rb.withVersion(version).to(TargetState.ROLLED_BACK, drive.now()),
        drive.audit("target.rolled_back", "target", rb.name(), "how", how, "version", version == null ? "" : version,
            "checks", fast ? "skipped (fast rollback)" : "passed"));
  }

  /** The plan's checks on a restored target, retried on the engine clock until they pass or the window ends. */
  private Optional<CheckResult> confirm(TargetRun rb) throws InterruptedException {
    java.time.Instant until = drive.now().plus(CONFIRM_WINDOW);
    while (true) {
      Optional<CheckResult> bad = checks.firstFailure(rb, drive.rollout().plan().checks());
      if (bad.isEmpty() || !drive.now().isBefore(until)) return bad;
      java.time.Instant next = drive.now().plus(CONFIRM_RETRY);
      // Engine-clock wait in small real slices, so a manual clock in tests moves it along.
      while (drive.now().isBefore(next)) Thread.sleep(Math.max(1, drive.config.tick().toMillis()));
    }
  }

  private void fail(TargetRun run, String why) throws InterruptedException {
    log.warn("rollback of {} failed: {}", run.name(), why);
    drive.write(run.fail(why, drive.now()), drive.audit("target.rollback_failed", "target", run.name(), "error", why));
  }
}
