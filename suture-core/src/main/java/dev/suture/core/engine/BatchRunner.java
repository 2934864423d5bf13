package dev.suture.core.engine;

import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patches one batch (canary or wave) under rate control: at most {@code maxConcurrency} targets in
 * flight, and at most {@code maxErrors} failures (the N+1-th halts). Once the budget is exceeded,
 * paused or aborted, no new target starts; those already in flight finish and are counted.
 */
final class BatchRunner {
  private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

  record Result(int healthy, int failed, int skipped, boolean budgetExceeded, boolean aborted) {}

  private final Drive drive;
  private final TargetProcedure procedure;

  BatchRunner(Drive drive, TargetProcedure procedure) {
    this.drive = drive;
    this.procedure = procedure;
  }

  Result run(List<TargetRun> members, int maxConcurrency, int maxErrors) throws InterruptedException {
    AtomicInteger failed = new AtomicInteger((int) members.stream().filter(r -> r.state() == TargetState.FAILED).count());
    List<TargetRun> todo = new ArrayList<>(members.stream().filter(r -> !r.state().isSettled()).toList());
    // In-flight targets (left by a crash) are reconciled first, so the concurrency cap counts them.
    todo.sort(Comparator.comparing((TargetRun r) -> !r.state().isInFlight()).thenComparingInt(TargetRun::seq));
    int threads = Math.max(1, Math.min(maxConcurrency, todo.size()));
    Semaphore permits = new Semaphore(maxConcurrency);
    ExecutorService pool = Executors.newFixedThreadPool(threads, named("suture-" + drive.rollout().id() + "-w"));
    List<Throwable> errors = new ArrayList<>();
    try {
      for (TargetRun run : todo) {
        drive.controls.poll();
        if (drive.controls.abortRequested() || failed.get() > maxErrors) break;
        permits.acquire();
        if (drive.controls.abortRequested() || failed.get() > maxErrors) {
          permits.release();
          break;
        }
        pool.execute(() -> {
          try {
            TargetRun done = procedure.run(drive.target(run.seq()));
            if (done.state() == TargetState.FAILED) failed.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            synchronized (errors) { errors.add(e); }
            log.error("bug: target {} raised {}", run.name(), e.toString(), e);
          } finally {
            permits.release();
          }
        });
      }
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) drive.controls.poll();
    } finally {
      pool.shutdownNow();
    }
    if (!errors.isEmpty()) {
      Throwable first = errors.get(0);
      if (first instanceof RuntimeException re) throw re;
      throw new IllegalStateException(first);
    }
    List<TargetRun> after = members.stream().map(r -> drive.target(r.seq())).toList();
    int healthy = (int) after.stream().filter(r -> r.state() == TargetState.HEALTHY).count();
    int skipped = (int) after.stream().filter(r -> r.state() == TargetState.SKIPPED).count();
    int fails = (int) after.stream().filter(r -> r.state() == TargetState.FAILED).count();
    return new Result(healthy, fails, skipped, fails > maxErrors, drive.controls.abortRequested());
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
