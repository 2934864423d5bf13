package dev.suture.core.engine;

import dev.suture.core.rollout.TargetRun;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The reboot step between apply and verify (plan: executor.reboot). */
final class Reboot {
  record Result(boolean rebooted, String failure) {
    static final Result NOT_NEEDED = new Result(false, null);
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
    return CompletableFuture.completedFuture(Result.NOT_NEEDED);
  }
}
