package dev.suture.core.engine;

import dev.suture.core.port.ActionKind;
import dev.suture.core.port.CheckResult;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.rollout.TargetRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs a stage's checks on targets. A check that cannot be evaluated (ERROR) counts as a failure:
 * a metric source that cannot be read is never taken as healthy.
 */
final class CheckSuite {
  private final Drive drive;
  private final Actions actions;
  private final ExecutorService pool;

  CheckSuite(Drive drive, Actions actions, ExecutorService pool) {
    this.drive = drive;
    this.actions = actions;
    this.pool = pool;
  }

  /** First failing result on this target, or empty when every check passed. */
  Optional<CheckResult> firstFailure(TargetRun run, List<CheckSpec> checks) throws InterruptedException {
    for (CheckSpec check : checks) {
      CheckResult r = drive.adapters.check(check.type()).run(check, drive.context(run),
          (argv, timeout) -> actions.run(run, ActionKind.CHECK, argv, timeout));
      if (!r.passed()) return Optional.of(r);
    }
    return Optional.empty();
  }

  /** {@link #firstFailure} on the check pool: checks may block (HTTP, local commands), targets must not. */
  CompletableFuture<Optional<CheckResult>> firstFailureAsync(TargetRun run, List<CheckSpec> checks) {
    if (checks.isEmpty()) return CompletableFuture.completedFuture(Optional.empty());
    CompletableFuture<Optional<CheckResult>> result = new CompletableFuture<>();
    Future<?> task = pool.submit(() -> {
      try {
        result.complete(firstFailure(run, checks));
      } catch (InterruptedException | RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    result.whenComplete((r, e) -> { if (e instanceof java.util.concurrent.CancellationException) task.cancel(true); });
    return result;
  }

  record Failure(TargetRun target, CheckResult result) {
    String describe() { return "check '" + result.check() + "' " + result.status().name().toLowerCase() + " on " + target.name() + ": " + result.message(); }
  }

  /** Runs the checks on all targets in parallel; returns the failures (empty = all healthy). */
  List<Failure> failures(List<TargetRun> targets, List<CheckSpec> checks) throws InterruptedException {
    if (checks.isEmpty() || targets.isEmpty()) return List.of();
    List<Future<Optional<CheckResult>>> futures = new ArrayList<>();
    for (TargetRun t : targets) futures.add(pool.submit(() -> firstFailure(t, checks)));
    List<Failure> out = new ArrayList<>();
    try {
      for (int i = 0; i < targets.size(); i++) {
        Optional<CheckResult> r = futures.get(i).get();
        if (r.isPresent()) out.add(new Failure(targets.get(i), r.get()));
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("check execution failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      throw e;
    }
    return out;
  }
}
