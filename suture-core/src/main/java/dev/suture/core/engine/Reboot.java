package dev.suture.core.engine;

import dev.suture.core.plan.RebootSpec;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionResult;
import dev.suture.core.rollout.TargetRun;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reboot step between apply and verify (plan: {@code executor.reboot}). "Back" means the
 * target's boot id changed and it answers again — not merely that it answers, since a host that
 * has not gone down yet answers too (the same test Ansible's reboot module makes).
 */
final class Reboot {
  private static final Logger log = LoggerFactory.getLogger(Reboot.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofSeconds(2);

  record Result(boolean rebooted, String failure) {
    static final Result NOT_NEEDED = new Result(false, null);

    static Result failed(String why) { return new Result(false, why); }
  }

  private final Drive drive;
  private final Actions actions;
  private final Executor steps;

  Reboot(Drive drive, Actions actions, Executor steps) {
    this.drive = drive;
    this.actions = actions;
    this.steps = steps;
  }

  CompletableFuture<Result> ifNeeded(TargetRun run) {
    RebootSpec spec = drive.rollout().plan().executor().reboot();
    if (spec.policy() == RebootSpec.Policy.NEVER) return CompletableFuture.completedFuture(Result.NOT_NEEDED);
    CompletableFuture<String> needed = spec.policy() == RebootSpec.Policy.ALWAYS
        ? CompletableFuture.completedFuture(null)
        : actions.start(run, ActionKind.CHECK, spec.requiredProbe(), PROBE_TIMEOUT).thenApply(r -> {
          // A probe that could not run is not "no reboot needed": a missing needs-restarting must
          // not silently leave a new kernel inactive.
          if (r.timedOut() || r.error() != null || r.exitCode() == 126 || r.exitCode() == 127)
            return "reboot-required probe could not run: " + r.describe();
          return spec.requiresReboot(r.exitCode()) ? null : "not required";
        });
    return needed.thenComposeAsync(reason -> {
      if ("not required".equals(reason)) return CompletableFuture.completedFuture(Result.NOT_NEEDED);
      if (reason != null) return CompletableFuture.completedFuture(Result.failed(reason));
      return reboot(run, spec);
    }, steps);
  }

  private CompletableFuture<Result> reboot(TargetRun run, RebootSpec spec) {
    return actions.start(run, ActionKind.PROBE_VERSION, spec.bootIdProbe(), PROBE_TIMEOUT).thenComposeAsync(before -> {
      if (!before.ok()) return CompletableFuture.completedFuture(Result.failed("cannot read the boot id before rebooting: " + before.describe()));
      String bootId = before.output().strip();
      Instant deadline = drive.now().plus(spec.reconnectTimeout());
      return drive.writeAsync(run, drive.audit("target.rebooting", "target", run.name(), "policy", spec.policy().name().toLowerCase()))
          .thenComposeAsync(w -> actions.start(run, ActionKind.REBOOT, spec.command(), PROBE_TIMEOUT), steps)
          .thenComposeAsync(r -> {
            // The reboot command often loses its connection or is killed as the host goes down;
            // only an explicit non-zero exit (e.g. "permission denied") is a failure.
            if (r.error() == null && !r.timedOut() && r.exitCode() != 0)
              return CompletableFuture.completedFuture(Result.failed("reboot command failed: " + r.describe()));
            log.info("target {}: reboot issued; waiting up to {} for it to come back", run.name(), spec.reconnectTimeout());
            return awaitNewBoot(run, spec, bootId, deadline);
          }, steps);
    }, steps);
  }

  private CompletableFuture<Result> awaitNewBoot(TargetRun run, RebootSpec spec, String oldBootId, Instant deadline) {
    Executor later = CompletableFuture.delayedExecutor(POLL.toMillis(), TimeUnit.MILLISECONDS, steps);
    return CompletableFuture.supplyAsync(() -> null, later)
        .thenCompose(v -> actions.start(run, ActionKind.PROBE_VERSION, spec.bootIdProbe(), PROBE_TIMEOUT))
        .thenComposeAsync(r -> {
          if (r.ok() && !r.output().strip().isEmpty() && !r.output().strip().equals(oldBootId)) {
            log.info("target {} is back after its reboot", run.name());
            return drive.writeAsync(run, drive.audit("target.rebooted", "target", run.name())).thenApply(w -> new Result(true, null));
          }
          if (!drive.now().isBefore(deadline))
            return CompletableFuture.completedFuture(Result.failed("did not come back within " + spec.reconnectTimeout()
                + " after the reboot (last probe: " + r.describe() + ")"));
          return awaitNewBoot(run, spec, oldBootId, deadline);
        }, steps);
  }
}
