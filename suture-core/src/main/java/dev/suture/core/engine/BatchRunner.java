package dev.suture.core.engine;

import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patches one batch (canary or wave) under rate control: at most {@code maxConcurrency} targets in
 * flight, and at most {@code maxErrors} failures (the N+1-th halts). Once the budget is exceeded,
 * paused or aborted, no new target starts; those already in flight finish and are counted.
 *
 * <p>Only this (driver) thread blocks, on the concurrency permits; the targets themselves are
 * futures (see {@link TargetProcedure}) whose continuations run on a small step pool.
 */
final class BatchRunner {
  private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
  /** Continuations only decide and queue the next action or write, so a couple of threads suffice. */
  private static final int STEP_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** {@code windowClosed}: targets were left unstarted because the maintenance window reached its cutoff. */
  record Result(int healthy, int failed, int skipped, boolean budgetExceeded, boolean aborted, boolean windowClosed) {}

  private final Drive drive;
  private final Actions actions;
  private final CheckSuite checks;

  BatchRunner(Drive drive, Actions actions, CheckSuite checks) {
    this.drive = drive;
    this.actions = actions;
    this.checks = checks;
  }

  Result run(List<TargetRun> members, int maxConcurrency, int maxErrors, boolean snapshots,
             List<dev.suture.core.plan.CheckSpec> verifyChecks) throws InterruptedException {
    AtomicInteger failed = new AtomicInteger((int) members.stream().filter(r -> r.state() == TargetState.FAILED).count());
    List<TargetRun> todo = new ArrayList<>(members.stream().filter(r -> !r.state().isSettled()).toList());
    // In-flight targets (left by a crash) are reconciled first, so the concurrency cap counts them.
    todo.sort(Comparator.comparing((TargetRun r) -> !r.state().isInFlight()).thenComparingInt(TargetRun::seq));
    Semaphore permits = new Semaphore(maxConcurrency);
    ExecutorService steps = Executors.newFixedThreadPool(STEP_THREADS, named("suture-" + drive.rollout().id() + "-s"));
    var procedure = new TargetProcedure(drive, actions, checks, snapshots, verifyChecks, steps);
    List<CompletableFuture<TargetRun>> inFlight = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    boolean windowClosed = false;
    try {
      for (TargetRun run : todo) {
        drive.controls.poll();
        if (drive.controls.abortRequested() || failed.get() > maxErrors || !errors.isEmpty()) break;
        // In-flight targets (left by a crash) were started in an earlier opening: they are finished, not started.
        boolean starts = !run.state().isInFlight();
        if (starts && !drive.window.allowsStart()) {
          windowClosed = true;
          break;
        }
        if (!acquire(permits)) break; // fast rollback: stop waiting for a free slot
        if (drive.controls.abortRequested() || failed.get() > maxErrors) {
          permits.release();
          break;
        }
        // Waiting for a permit may have taken us past the cutoff.
        if (starts && !drive.window.allowsStart()) {
          windowClosed = true;
          permits.release();
          break;
        }
        CompletableFuture<TargetRun> f;
        try {
          f = procedure.run(drive.target(run.seq()));
        } catch (RuntimeException e) {
          f = CompletableFuture.failedFuture(e);
        }
        inFlight.add(f.whenComplete((done, e) -> {
          if (e == null && done.state() == TargetState.FAILED) failed.incrementAndGet();
          if (e != null && !(unwrap(e) instanceof CancellationException) && !(unwrap(e) instanceof InterruptedException)) {
            errors.add(unwrap(e));
            log.error("target {} raised {}", run.name(), unwrap(e).toString(), unwrap(e));
          }
          permits.release();
        }));
      }
      awaitAll(inFlight, members);
    } catch (InterruptedException e) {
      // Node shutting down: stop every action (executors kill what they started); the rollout
      // resumes from the durable target states on restart.
      actions.cancelAll();
      inFlight.forEach(f -> f.cancel(true));
      throw e;
    } finally {
      steps.shutdown();
    }
    synchronized (errors) {
      if (!errors.isEmpty()) {
        Throwable first = errors.get(0);
        if (first instanceof RuntimeException re) throw re;
        throw new IllegalStateException(first);
      }
    }
    // An abort requested while the batch's targets were in flight is honoured now, not lost.
    drive.controls.poll();
    List<TargetRun> after = members.stream().map(r -> drive.target(r.seq())).toList();
    int healthy = (int) after.stream().filter(r -> r.state() == TargetState.HEALTHY).count();
    int skipped = (int) after.stream().filter(r -> r.state() == TargetState.SKIPPED).count();
    int fails = (int) after.stream().filter(r -> r.state() == TargetState.FAILED).count();
    return new Result(healthy, fails, skipped, fails > maxErrors, drive.controls.abortRequested(), windowClosed);
  }

  /**
   * Waits for a concurrency permit, polling controls meanwhile: a fast rollback must not wait for a
   * hung target to free its slot. False when a fast rollback was requested.
   */
  private boolean acquire(Semaphore permits) throws InterruptedException {
    while (!permits.tryAcquire(1, TimeUnit.SECONDS)) {
      drive.controls.poll();
      if (drive.controls.fastRollback()) return false;
    }
    return true;
  }

  /** Waits for every target, polling controls meanwhile (an abort is noticed, in-flight ones finish). */
  private void awaitAll(List<CompletableFuture<TargetRun>> inFlight, List<TargetRun> members) throws InterruptedException {
    CompletableFuture<Void> all = CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new));
    while (true) {
      try {
        all.get(1, TimeUnit.SECONDS);
        return;
      } catch (TimeoutException e) {
        drive.controls.poll();
        if (drive.controls.fastRollback()) {
          stopForFastRollback(all, members);
          return;
        }
      } catch (ExecutionException | CancellationException e) {
        // Recorded per target by whenComplete; allOf fails fast but only completes after all did.
        return;
      }
    }
  }

  /**
   * Fast rollback does not wait for in-flight targets: their actions are killed (executors stop what
   * they started), no procedure may start another, and each target left in flight is marked FAILED
   * so that the rollback restores it with the rest.
   */
  private void stopForFastRollback(CompletableFuture<Void> all, List<TargetRun> members) throws InterruptedException {
    actions.stopAll();
    try {
      // Procedures fail fast once their action is cancelled; this only waits for their last write.
      all.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | CancellationException | TimeoutException e) {
      // recorded per target
    }
    for (TargetRun m : members) {
      TargetRun t = drive.target(m.seq());
      if (t.state().isInFlight()) {
        drive.write(t.fail("stopped by the operator's fast rollback while " + t.state().name().toLowerCase(), drive.now()),
            drive.audit("target.failed", "target", t.name(), "error", "stopped by fast rollback"));
      }
    }
    actions.reopen();
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
    return e;
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
