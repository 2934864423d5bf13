package dev.suture.core.engine;

import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.CheckResult;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One target's forward path: probe → [snapshot] → apply → verify. Each state is written durably
 * before the side effect it announces. A target found in an in-flight state (after a crash) is
 * reconciled by probing what actually happened before anything is run again.
 */
final class TargetProcedure {
  private static final Logger log = LoggerFactory.getLogger(TargetProcedure.class);

  private final Drive drive;
  private final Actions actions;
  private final CheckSuite checks;
  private final boolean snapshots;
  private final List<CheckSpec> verifyChecks;

  TargetProcedure(Drive drive, Actions actions, CheckSuite checks, boolean snapshots, List<CheckSpec> verifyChecks) {
    this.drive = drive;
    this.actions = actions;
    this.checks = checks;
    this.snapshots = snapshots;
    this.verifyChecks = verifyChecks;
  }

  /** Drives the target to HEALTHY, FAILED or SKIPPED and returns the final run. */
  TargetRun run(TargetRun run) throws InterruptedException {
    MDC.put("rollout", run.rolloutId());
    MDC.put("target", run.name());
    try {
      return switch (run.state()) {
        case PENDING -> fromPending(run);
        case SNAPSHOTTING -> snapshotThenApply(run);
        case APPLYING -> reconcileApply(run);
        case VERIFYING -> verify(run);
        default -> run;
      };
    } finally {
      MDC.remove("target");
    }
  }

  private TargetRun fromPending(TargetRun run) throws InterruptedException {
    String target = drive.rollout().patch().version();
    if (actions.hasVersionProbe()) {
      ActionResult probe = actions.probeVersion(run);
      if (!probe.ok()) return fail(run, "version probe failed: " + probe.describe());
      String installed = Actions.version(probe);
      if (installed.equals(target)) {
        return drive.write(run.withVersion(installed).to(TargetState.SKIPPED, drive.now()),
            drive.audit("target.skipped", "target", run.name(), "reason", "already at version " + target));
      }
      run = run.withVersion(installed);
    }
    if (snapshots) return snapshotThenApply(drive.write(run.to(TargetState.SNAPSHOTTING, drive.now())));
    return apply(run);
  }

  private TargetRun snapshotThenApply(TargetRun run) throws InterruptedException {
    var spec = drive.rollout().plan().snapshot().orElseThrow();
    ActionResult r = actions.run(run, ActionKind.SNAPSHOT, spec.create(), spec.timeout());
    if (!r.ok()) return fail(run, "snapshot failed: " + r.describe());
    return apply(run.withSnapshotTaken());
  }

  private TargetRun apply(TargetRun run) throws InterruptedException {
    TargetRun applying = run.state() == TargetState.APPLYING ? run.withAttempt(drive.now())
        : run.to(TargetState.APPLYING, drive.now()).withAttempt(drive.now());
    final TargetRun intent = drive.write(applying);
    var ex = drive.rollout().plan().executor();
    ActionResult r = actions.run(intent, ActionKind.APPLY, ex.apply(), ex.timeout(), ref -> {
      try {
        drive.write(intent.withProcess(ref));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    if (!r.ok()) return fail(drive.target(intent.seq()), "apply failed: " + r.describe());
    return verify(drive.write(drive.target(intent.seq()).to(TargetState.VERIFYING, drive.now())));
  }

  /**
   * The node died while this target was APPLYING. If the apply process outlived it, wait for it;
   * then the installed version says whether the apply took effect. Only when it did not is the
   * apply run again (next attempt), so no target is patched twice.
   */
  private TargetRun reconcileApply(TargetRun run) throws InterruptedException {
    if (run.process().isPresent()) {
      Optional<ActionResult> adopted = actions.executor().adopt(run.process().get(), drive.rollout().plan().executor().timeout());
      adopted.ifPresent(r -> log.info("reconcile: waited for apply process {} left by the previous owner of {}",
          run.process().get().pid(), run.name()));
    }
    if (!actions.hasVersionProbe()) {
      log.warn("reconcile: {} has no version probe; applying again (attempt {})", run.name(), run.attempts() + 1);
      return apply(run);
    }
    ActionResult probe = actions.probeVersion(run);
    if (!probe.ok()) return fail(run, "version probe after restart failed: " + probe.describe());
    if (Actions.version(probe).equals(drive.rollout().patch().version())) {
      log.info("reconcile: {} already at {}: not applying again", run.name(), drive.rollout().patch().version());
      return verify(drive.write(run.to(TargetState.VERIFYING, drive.now())));
    }
    log.info("reconcile: {} not at target version after restart; applying again (attempt {})", run.name(), run.attempts() + 1);
    return apply(run);
  }

  private TargetRun verify(TargetRun run) throws InterruptedException {
    String version = run.version();
    if (actions.hasVersionProbe()) {
      ActionResult probe = actions.probeVersion(run);
      if (!probe.ok()) return fail(run, "version probe after apply failed: " + probe.describe());
      version = Actions.version(probe);
      if (!version.equals(drive.rollout().patch().version()))
        return fail(run.withVersion(version), "apply exited 0 but the installed version is '" + version + "', expected '"
            + drive.rollout().patch().version() + "'");
    }
    Optional<CheckResult> bad = checks.firstFailure(run, verifyChecks);
    if (bad.isPresent())
      return fail(run.withVersion(version), "check '" + bad.get().check() + "' " + bad.get().status().name().toLowerCase()
          + ": " + bad.get().message());
    return drive.write(run.withVersion(version).to(TargetState.HEALTHY, drive.now()));
  }

  private TargetRun fail(TargetRun run, String why) throws InterruptedException {
    log.info("target {} failed: {}", run.name(), why);
    return drive.write(run.fail(why, drive.now()), drive.audit("target.failed", "target", run.name(), "error", why,
        "attempts", run.attempts()));
  }

}
