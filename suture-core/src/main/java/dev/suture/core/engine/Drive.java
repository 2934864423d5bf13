package dev.suture.core.engine;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.port.Fence;
import dev.suture.core.port.RolloutStore;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.StageRun;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.template.TemplateContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * Everything one node knows while it drives one rollout: the fenced rollout row, the targets
 * (kept current as writes commit), the writer, and the control channel.
 */
final class Drive {
  final RolloutStore store;
  final Adapters adapters;
  final Clock clock;
  final EngineConfig config;
  final Fence fence;
  final TransitionWriter writer;
  final Controls controls;
  final WindowGate window;
  final String actor;
  private volatile Rollout rollout;
  private final ConcurrentSkipListMap<Integer, TargetRun> targets = new ConcurrentSkipListMap<>();

  Drive(RolloutStore store, Adapters adapters, Clock clock, EngineConfig config, Fence fence, Rollout rollout,
        List<TargetRun> runs, Controls controls) {
    this.store = store;
    this.adapters = adapters;
    this.clock = clock;
    this.config = config;
    this.fence = fence;
    this.rollout = rollout;
    this.controls = controls;
    this.actor = "engine:" + config.owner();
    runs.forEach(r -> targets.put(r.seq(), r));
    this.writer = new TransitionWriter(store, fence);
    this.window = new WindowGate(this);
  }

  Rollout rollout() { return rollout; }

  String subject() { return "rollout/" + rollout.id(); }

  Instant now() { return clock.instant(); }

  AuditRecord audit(String action, Object... details) { return AuditRecord.of(actor, action, subject(), details); }

  /** Saves the rollout row (fenced) with its audit records in one transaction. */
  synchronized void save(Rollout next, AuditRecord... audit) {
    store.save(fence, next, List.of(audit));
    rollout = next;
  }

  synchronized void transition(RolloutState next, AuditRecord... audit) {
    save(rollout.withState(next, now()), audit);
  }

  synchronized void stage(StageRun run, AuditRecord... audit) {
    save(rollout.withStage(run.index(), run, now()), audit);
  }

  /** Durably records a target transition, then updates the in-memory view. */
  TargetRun write(TargetRun run, AuditRecord... audit) throws InterruptedException {
    writer.write(run, audit);
    targets.put(run.seq(), run);
    return run;
  }

  /** As {@link #write}, without blocking: the future completes (on the writer thread) once durable. */
  CompletableFuture<TargetRun> writeAsync(TargetRun run, AuditRecord... audit) {
    return writer.writeAllAsync(List.of(run), List.of(audit)).thenApply(v -> {
      targets.put(run.seq(), run);
      return run;
    });
  }

  void writeAll(List<TargetRun> runs, List<AuditRecord> audit) throws InterruptedException {
    if (runs.isEmpty()) return;
    writer.writeAll(runs, audit);
    runs.forEach(r -> targets.put(r.seq(), r));
  }

  TargetRun target(int seq) { return targets.get(seq); }

  Collection<TargetRun> targets() { return targets.values(); }

  List<TargetRun> targets(Predicate<TargetRun> filter) {
    List<TargetRun> out = new ArrayList<>();
    for (TargetRun r : targets.values()) if (filter.test(r)) out.add(r);
    out.sort(Comparator.comparingInt(TargetRun::seq));
    return out;
  }

  TemplateContext context(TargetRun run) {
    return new TemplateContext(rollout.id(), rollout.patch(), run.asset(), run.snapshotId());
  }
}
