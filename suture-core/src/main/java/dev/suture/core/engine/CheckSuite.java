package dev.suture.core.engine;

import dev.suture.core.analysis.Measurement;
import dev.suture.core.analysis.MeasurementPhase;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.GateScope;
import dev.suture.core.port.CheckResult;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.rollout.TargetRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      // Rollout-level checks (judge, burn rate) are measured by gates, not on each target.
      if (!check.probe().perTarget()) continue;
      CheckResult r = runOne(run, check);
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

  /**
   * One measurement of {@code check} for a gate. A per-target check runs on every target in
   * parallel and the worst target decides (failed, then error, then inconclusive: a target that
   * answered badly is evidence, one that could not be read is not health); a rollout-level check
   * (judge, burn rate) runs once over {@code scope}.
   */
  Taken measure(CheckSpec check, List<TargetRun> targets, GateScope scope) throws InterruptedException {
    Instant started = drive.now();
    CheckResult worst;
    String value;
    if (!check.probe().perTarget()) {
      try {
        worst = drive.adapters.check(check.type()).runForGate(check, scope);
      } catch (RuntimeException e) {
        worst = CheckResult.error(check.name(), "check " + check.name() + " raised " + e);
      }
      value = null;
    } else {
      List<Future<CheckResult>> futures = new ArrayList<>();
      for (TargetRun t : targets) futures.add(pool.submit(() -> runOne(t, check)));
      worst = null;
      int bad = 0;
      try {
        for (int i = 0; i < targets.size(); i++) {
          CheckResult r = futures.get(i).get();
          if (r == null) r = CheckResult.error(check.name(), "check returned no result");
          if (!r.passed()) bad++;
          if (worst == null || rank(r) > rank(worst)) {
            worst = new CheckResult(r.check(), r.status(), targets.get(i).name() + ": " + r.message());
          }
        }
      } catch (ExecutionException e) {
        // A runner that throws could not measure: an error measurement, never a pass.
        return new Taken(new Measurement(MeasurementPhase.ERROR, started, drive.now(), null, "check " + check.name() + " raised " + e.getCause()), Map.of());
      } catch (InterruptedException e) {
        futures.forEach(f -> f.cancel(true));
        throw e;
      }
      if (worst == null) return new Taken(new Measurement(MeasurementPhase.ERROR, started, drive.now(), null, "no target to measure"), Map.of());
      value = (targets.size() - bad) + "/" + targets.size() + " targets passed";
    }
    Measurement m = Measurement.fromCheck(worst, started, drive.now());
    return new Taken(new Measurement(m.phase(), m.startedAt(), m.finishedAt(), value, m.message()), worst.figures());
  }

  /** A measurement and the figures the check reported with it (e.g. a judge's canary error delta). */
  record Taken(Measurement measurement, Map<String, Double> figures) {}

  private CheckResult runOne(TargetRun run, CheckSpec check) throws InterruptedException {
    return drive.adapters.check(check.type()).run(check, drive.context(run),
        (argv, timeout) -> actions.run(run, ActionKind.CHECK, argv, timeout));
  }

  /** Severity of a result inside one measurement: FAIL > ERROR > INCONCLUSIVE > PASS. */
  private static int rank(CheckResult r) {
    switch (r.status()) {
      case FAIL: return 3;
      case ERROR: return 2;
      case INCONCLUSIVE: return 1;
      default: return 0;
    }
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
