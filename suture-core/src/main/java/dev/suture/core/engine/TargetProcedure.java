package dev.suture.core.engine;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionResult;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's forward path: probe → [snapshot] → apply → [reboot] → verify. Each state is written
 * durably before the side effect it announces. A target found in an in-flight state (after a
 * crash) is reconciled by probing what actually happened before anything is run again.
 *
 * <p>Written as a chain of futures rather than straight-line code so that a target waiting on the
 * network or on the database holds no thread: with an asynchronous executor (ssh) a thousand
 * targets in flight cost a thousand small objects, not a thousand blocked threads. Continuations
 * run on {@code steps}; they never block (writes and actions return futures, checks go to the
 * check pool).
 */
final class TargetProcedure {
  private static final Logger log = LoggerFactory.getLogger(TargetProcedure.class);

  private final Drive drive;
  private final Actions actions;
  private final CheckSuite checks;
  private final boolean snapshots;
  private final List<CheckSpec> verifyChecks;
  private final Executor steps;
  private final Reboot reboot;

  TargetProcedure(Drive drive, Actions actions, CheckSuite checks, boolean snapshots, List<CheckSpec> verifyChecks,
                  Executor steps) {
    this.drive = drive;
    this.actions = actions;
    this.checks = checks;
    this.snapshots = snapshots;
    this.verifyChecks = verifyChecks;
    this.steps = steps;
    this.reboot = new Reboot(drive, actions, steps);
  }

  /** Drives the target to HEALTHY, FAILED or SKIPPED; the future holds the final run. */
  CompletableFuture<TargetRun> run(TargetRun run) {
    switch (run.state()) {
      case PENDING: return fromPending(run);
      case SNAPSHOTTING: return snapshotThenApply(run);
      case APPLYING: return reconcileApply(run);
      case VERIFYING: return verify(run);
      default: return CompletableFuture.completedFuture(run);
    }
  }

  private CompletableFuture<TargetRun> fromPending(TargetRun run) {
    if (!actions.hasVersionProbe()) return beforeApply(run);
    String target = drive.rollout().patch().version();
    return actions.probeVersion(run).thenComposeAsync(probe -> {
      if (!probe.ok()) return fail(run, "version probe failed: " + probe.describe());
      String installed = Actions.version(probe);
      if (installed.equals(target))
        return drive.writeAsync(run.withVersion(installed).to(TargetState.SKIPPED, drive.now()),
            drive.audit("target.skipped", "target", run.name(), "reason", "already at version " + target));
      return beforeApply(run.withVersion(installed));
    }, steps);
  }

  private CompletableFuture<TargetRun> beforeApply(TargetRun run) {
    if (!snapshots) return apply(run);
    return drive.writeAsync(run.to(TargetState.SNAPSHOTTING, drive.now())).thenComposeAsync(this::snapshotThenApply, steps);
  }

  private CompletableFuture<TargetRun> snapshotThenApply(TargetRun run) {
    var spec = drive.rollout().plan().snapshot().orElseThrow();
    return actions.start(run, ActionKind.SNAPSHOT, spec.create(), spec.timeout()).thenComposeAsync(r -> {
      if (!r.ok()) return fail(run, "snapshot failed: " + r.describe());
      String id = snapshotId(spec.type(), r);
      return apply(run.withSnapshot(id), drive.audit("target.snapshot_taken", "target", run.name(), "snapshotId", id,
          "provider", spec.type()));
    }, steps);
  }

  /**
   * A {@code command} snapshot may print its id (an LVM or ZFS snapshot name, a cloud snapshot id)
   * as the last line of its output; otherwise, and always for {@code files}, the id is the rollout
   * id the snapshot commands were given.
   */
  private String snapshotId(String provider, ActionResult created) {
    if ("command".equals(provider) && created.output() != null) {
      String last = created.output().strip().lines().reduce((a, b) -> b).orElse("").strip();
      if (SNAPSHOT_ID.matcher(last).matches()) return last;
    }
    return drive.rollout().id();
  }

  private static final java.util.regex.Pattern SNAPSHOT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+=-]{0,199}");

  private CompletableFuture<TargetRun> apply(TargetRun run, dev.suture.core.audit.AuditRecord... audit) {
    TargetRun applying = run.state() == TargetState.APPLYING ? run.withAttempt(drive.now())
        : run.to(TargetState.APPLYING, drive.now()).withAttempt(drive.now());
    var ex = drive.rollout().plan().executor();
    return drive.writeAsync(applying, audit).thenComposeAsync(intent ->
        actions.start(intent, ActionKind.APPLY, ex.apply(), ex.timeout(), ref -> {
          // Called by blocking executors on their own thread, once the child process exists.
          try {
            drive.write(intent.withProcess(ref));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }).thenComposeAsync(r -> {
          TargetRun current = drive.target(intent.seq());
          if (!r.ok()) return fail(current, "apply failed: " + r.describe());
          return reboot.ifNeeded(current).thenComposeAsync(rebooted -> rebooted.failure() != null
              ? fail(current, rebooted.failure())
              : drive.writeAsync(current.to(TargetState.VERIFYING, drive.now())).thenComposeAsync(this::verify, steps), steps);
        }, steps), steps);
  }

  /**
   * The node died while this target was APPLYING. If the apply process outlived it, wait for it;
   * then the installed version says whether the apply took effect. Only when it did not is the
   * apply run again (next attempt), so no target is patched twice.
   */
  private CompletableFuture<TargetRun> reconcileApply(TargetRun run) {
    CompletableFuture<Void> adopted = run.process().isEmpty() ? CompletableFuture.completedFuture(null)
        : actions.adopt(run.process().get(), drive.rollout().plan().executor().timeout()).thenAccept(r ->
            r.ifPresent(x -> log.info("reconcile: waited for apply process {} left by the previous owner of {}",
                run.process().get().pid(), run.name())));
    return adopted.thenComposeAsync(v -> {
      if (!actions.hasVersionProbe()) {
        log.warn("reconcile: {} has no version probe; applying again (attempt {})", run.name(), run.attempts() + 1);
        return apply(run);
      }
      return actions.probeVersion(run).thenComposeAsync(probe -> {
        if (!probe.ok()) return fail(run, "version probe after restart failed: " + probe.describe());
        if (Actions.version(probe).equals(drive.rollout().patch().version())) {
          log.info("reconcile: {} already at {}: not applying again", run.name(), drive.rollout().patch().version());
          return drive.writeAsync(run.to(TargetState.VERIFYING, drive.now())).thenComposeAsync(this::verify, steps);
        }
        log.info("reconcile: {} not at target version after restart; applying again (attempt {})", run.name(), run.attempts() + 1);
        return apply(run);
      }, steps);
    }, steps);
  }

  private CompletableFuture<TargetRun> verify(TargetRun run) {
    if (!actions.hasVersionProbe()) return checkThenHealthy(run, run.version());
    return actions.probeVersion(run).thenComposeAsync(probe -> {
      if (!probe.ok()) return fail(run, "version probe after apply failed: " + probe.describe());
      String version = Actions.version(probe);
      if (!version.equals(drive.rollout().patch().version()))
        return fail(run.withVersion(version), "apply exited 0 but the installed version is '" + version + "', expected '"
            + drive.rollout().patch().version() + "'");
      return checkThenHealthy(run, version);
    }, steps);
  }

  private CompletableFuture<TargetRun> checkThenHealthy(TargetRun run, String version) {
    return checks.firstFailureAsync(run, verifyChecks).thenComposeAsync(bad -> bad.isPresent()
        ? fail(run.withVersion(version), "check '" + bad.get().check() + "' " + bad.get().status().name().toLowerCase()
            + ": " + bad.get().message())
        : drive.writeAsync(run.withVersion(version).to(TargetState.HEALTHY, drive.now())), steps);
  }

  private CompletableFuture<TargetRun> fail(TargetRun run, String why) {
    log.info("target {} failed: {}", run.name(), why);
    return drive.writeAsync(run.fail(why, drive.now()), drive.audit("target.failed", "target", run.name(), "error", why,
        "attempts", run.attempts()));
  }
}
