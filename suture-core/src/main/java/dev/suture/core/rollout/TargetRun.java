package dev.suture.core.rollout;

import dev.suture.core.model.Asset;
import dev.suture.core.port.ProcessRef;
import java.time.Instant;
import java.util.Optional;

/**
 * One asset's progress. {@code seq} orders targets (canary first); {@code batch} is 0 for the
 * canary, 1.. for waves, -1 while unassigned. {@code process} is the running local side effect.
 * {@code snapshotId} names the snapshot taken of this target before it was patched (null: none).
 */
public record TargetRun(String rolloutId, int seq, Asset asset, TargetState state, int batch, int attempts,
                        String snapshotId, Optional<ProcessRef> process, String version, String error,
                        Instant updatedAt) {
  public static final int UNASSIGNED = -1;

  public TargetRun {
    process = process == null ? Optional.empty() : process;
  }

  public static TargetRun pending(String rolloutId, int seq, Asset asset, Instant now) {
    return new TargetRun(rolloutId, seq, asset, TargetState.PENDING, UNASSIGNED, 0, null, Optional.empty(), null, null, now);
  }

  public String name() { return asset.name(); }

  public TargetRun to(TargetState next, Instant now) {
    return new TargetRun(rolloutId, seq, asset, state.transitionTo(next), batch, attempts, snapshotId, Optional.empty(),
        version, next == TargetState.FAILED || next == TargetState.ROLLBACK_FAILED ? error : null, now);
  }

  public TargetRun fail(String why, Instant now) {
    return new TargetRun(rolloutId, seq, asset, state.transitionTo(state == TargetState.ROLLING_BACK
        ? TargetState.ROLLBACK_FAILED : TargetState.FAILED), batch, attempts, snapshotId, Optional.empty(), version, why, now);
  }

  public TargetRun withBatch(int b) {
    return new TargetRun(rolloutId, seq, asset, state, b, attempts, snapshotId, process, version, error, updatedAt);
  }

  public TargetRun withAttempt(Instant now) {
    return new TargetRun(rolloutId, seq, asset, state, batch, attempts + 1, snapshotId, Optional.empty(), version, error, now);
  }

  public boolean snapshotTaken() { return snapshotId != null; }

  public TargetRun withSnapshot(String id) {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("snapshot id is blank");
    return new TargetRun(rolloutId, seq, asset, state, batch, attempts, id, process, version, error, updatedAt);
  }

  public TargetRun withProcess(ProcessRef ref) {
    return new TargetRun(rolloutId, seq, asset, state, batch, attempts, snapshotId, Optional.ofNullable(ref), version, error, updatedAt);
  }

  public TargetRun withVersion(String v) {
    return new TargetRun(rolloutId, seq, asset, state, batch, attempts, snapshotId, process, v, error, updatedAt);
  }

  public TargetRun withError(String e) {
    return new TargetRun(rolloutId, seq, asset, state, batch, attempts, snapshotId, process, version, e, updatedAt);
  }
}
