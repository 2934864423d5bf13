package dev.suture.core.engine;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.port.Fence;
import dev.suture.core.port.LeaseLostException;
import dev.suture.core.port.RolloutStore;
import dev.suture.core.rollout.TargetRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for target transitions. Workers block in {@link #write} until their row is durable
 * (intent before side effect), while one thread turns whatever has queued up meanwhile into a
 * single fenced batch: with hundreds of targets in flight this is what makes 10k+ durable
 * transitions per second possible without giving up durability.
 */
final class TransitionWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TransitionWriter.class);
  private static final int MAX_BATCH = 2000;

  private record Pending(TargetRun run, List<AuditRecord> audit, CompletableFuture<Void> done) {}

  private final RolloutStore store;
  private final Fence fence;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile RuntimeException failure;
  private volatile boolean closed;

  TransitionWriter(RolloutStore store, Fence fence) {
    this.store = store;
    this.fence = fence;
    this.thread = new Thread(this::loop, "suture-writer-" + fence.rolloutId());
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Blocks until {@code run} (and its audit records) are committed. */
  void write(TargetRun run, AuditRecord... audit) throws InterruptedException {
    writeAll(List.of(run), List.of(audit));
  }

  void writeAll(List<TargetRun> runs, List<AuditRecord> audit) throws InterruptedException {
    try {
      writeAllAsync(runs, audit).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Queues the rows; the future completes once they are committed (on the writer thread). */
  CompletableFuture<Void> writeAllAsync(List<TargetRun> runs, List<AuditRecord> audit) {
    if (failure != null) return CompletableFuture.failedFuture(failure);
    if (closed) return CompletableFuture.failedFuture(new IllegalStateException("writer for " + fence.rolloutId() + " is closed"));
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      var f = new CompletableFuture<Void>();
      futures.add(f);
      queue.add(new Pending(runs.get(i), i == 0 ? audit : List.of(), f));
    }
    return futures.size() == 1 ? futures.get(0) : CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        flush(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
    RuntimeException stop = failure != null ? failure : new IllegalStateException("writer closed");
    Pending p;
    while ((p = queue.poll()) != null) p.done.completeExceptionally(stop);
  }

  private void flush(List<Pending> batch) {
    List<TargetRun> runs = new ArrayList<>(batch.size());
    List<AuditRecord> audit = new ArrayList<>();
    for (Pending p : batch) {
      runs.add(p.run);
      audit.addAll(p.audit);
    }
    try {
      if (failure != null) throw failure;
      store.saveTargets(fence, runs, audit);
      for (Pending p : batch) p.done.complete(null);
    } catch (LeaseLostException e) {
      log.warn("expected race: {}; stopping writes", e.getMessage());
      failure = e;
      for (Pending p : batch) p.done.completeExceptionally(e);
    } catch (RuntimeException e) {
      log.error("bug or store outage: batch write of {} transitions for rollout {} failed", runs.size(), fence.rolloutId(), e);
      failure = e;
      for (Pending p : batch) p.done.completeExceptionally(e);
    }
  }

  @Override public void close() throws InterruptedException {
    closed = true;
    thread.join(5000);
  }
}
