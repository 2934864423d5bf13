package dev.suture.bench;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.port.Fence;
import dev.suture.core.port.Incident;
import dev.suture.core.port.RolloutStore;
import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Delegates to the real store and counts what the engine made durable: every target row passed
 * to a {@code saveTargets} call that returned (i.e. committed) is one durable target transition.
 * Counting only after the delegate returns means a batch that failed is not counted.
 */
final class CountingRolloutStore implements RolloutStore {
  private final RolloutStore delegate;
  private final LongAdder rows = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final LongAdder settled = new LongAdder();
  private final AtomicLong largestBatch = new AtomicLong();
  private final LongAdder saveNanos = new LongAdder();
  private volatile long terminalAtNanos;
  private volatile long createNanos;
  private final LongAdder readTargetsNanos = new LongAdder();

  CountingRolloutStore(RolloutStore delegate) { this.delegate = delegate; }

  /** Target rows committed (every state change, plus the batch-assignment write). */
  long rows() { return rows.sum(); }

  /** saveTargets transactions committed. */
  long batches() { return batches.sum(); }

  long largestBatch() { return largestBatch.get(); }

  /** Rows committed in a settled forward state (HEALTHY, FAILED, SKIPPED): progress. */
  long settled() { return settled.sum(); }

  /** {@link System#nanoTime} when a terminal rollout state committed; 0 before. */
  long terminalAtNanos() { return terminalAtNanos; }

  /** Time spent inside saveTargets (the writer thread's commit time). */
  long saveMillis() { return saveNanos.sum() / 1_000_000; }

  @Override public void saveTargets(Fence fence, Collection<TargetRun> runs, Collection<AuditRecord> audit) {
    long t = System.nanoTime();
    delegate.saveTargets(fence, runs, audit);
    saveNanos.add(System.nanoTime() - t);
    rows.add(runs.size());
    batches.increment();
    largestBatch.accumulateAndGet(runs.size(), Math::max);
    for (TargetRun r : runs) {
      TargetState s = r.state();
      if (s == TargetState.HEALTHY || s == TargetState.FAILED || s == TargetState.SKIPPED) settled.increment();
    }
  }

  /** Time the store took to insert the rollout with its target rows. */
  long createMillis() { return createNanos / 1_000_000; }

  /** Time spent reading all target rows back (the driving node does this when it claims the rollout). */
  long readTargetsMillis() { return readTargetsNanos.sum() / 1_000_000; }

  @Override public void create(Rollout rollout, List<TargetRun> targets, AuditRecord audit) {
    long t = System.nanoTime();
    delegate.create(rollout, targets, audit);
    createNanos = System.nanoTime() - t;
  }

  @Override public Optional<Rollout> find(String id) { return delegate.find(id); }

  @Override public List<Rollout> list(int limit) { return delegate.list(limit); }

  @Override public List<TargetRun> targets(String rolloutId) {
    long t = System.nanoTime();
    List<TargetRun> out = delegate.targets(rolloutId);
    readTargetsNanos.add(System.nanoTime() - t);
    return out;
  }

  @Override public List<String> claimable(String owner, Instant now, int limit) { return delegate.claimable(owner, now, limit); }

  @Override public Optional<Fence> claim(String rolloutId, String owner, Instant now, Instant leaseUntil) {
    return delegate.claim(rolloutId, owner, now, leaseUntil);
  }

  @Override public void renew(Fence fence, Instant leaseUntil) { delegate.renew(fence, leaseUntil); }

  @Override public void release(Fence fence) { delegate.release(fence); }

  @Override public void save(Fence fence, Rollout rollout, Collection<AuditRecord> audit) {
    delegate.save(fence, rollout, audit);
    if (rollout.state().isTerminal() && terminalAtNanos == 0) terminalAtNanos = System.nanoTime();
  }

  @Override public void clearControl(Fence fence, ControlVerb verb) { delegate.clearControl(fence, verb); }

  @Override public void requestControl(String rolloutId, ControlVerb verb, AuditRecord audit) {
    delegate.requestControl(rolloutId, verb, audit);
  }

  @Override public Optional<ControlVerb> control(String rolloutId) { return delegate.control(rolloutId); }

  @Override public Incident openIncident(Fence fence, Incident incident, AuditRecord audit) {
    return delegate.openIncident(fence, incident, audit);
  }

  @Override public List<Incident> incidents() { return delegate.incidents(); }

  @Override public Optional<Incident> incidentFor(String rolloutId) { return delegate.incidentFor(rolloutId); }
}
