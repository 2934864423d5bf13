package dev.suture.core.rollout;

import dev.suture.core.model.Asset;
import dev.suture.core.port.ProcessRef;
import java.time.Instant;
import java.util.Optional;

/**
 * One asset's progress. {@code seq} orders targets (canary first); {@code batch} is 0 for the
 * canary, 1.. for waves, -1 while unassigned. {@code process} is the running local side effect.
 */
public record TargetRun(String rolloutId, int seq, Asset asset, TargetState state, int batch, int attempts,
                        boolean snapshotTaken, Optional<ProcessRef> process, String version, String error,
                        Instant updatedAt) {
  public static final int UNASSIGNED = -1;

  public TargetRun {
    process = process == null ? Optional.empty() : process;
  }

  public static TargetRun pending(String rolloutId, int seq, Asset asset, Instant now) {
    return new TargetRun(rolloutId, seq, asset, TargetState.PENDING, UNASSIGNED, 0, false, Optional.empty(), null, null, now);
  }

  public String name() { return asset.name(); }

  public TargetRun to(TargetState next, Instant now) {
    return new TargetRun(rolloutId, seq, asset, state.transitionTo(next), batch, attempts, snapshotTaken, Optional.empty(),
        version, next == TargetState.FAILED || next == TargetState.ROLLBACK_FAILED ? error : null, now);
  }

  public TargetRun fail(String why, Instant now) {
    return new TargetRun(rolloutId, seq, asset, state.transitionTo(state == TargetState.ROLLING_BACK
        ? TargetState.ROLLBACK_FAILED : TargetState.FAILED), batch, attempts, snapshotTaken, Optional.empty(), version, why, now);
  }

  public TargetRun withBatch(int b) {
    return new TargetRun(rolloutId, seq, asset, state, b, attempts, snapshotTaken, process, version, error, updatedAt);
  }

  public TargetRun withAttempt(Instant now) {
    return new TargetRun(rolloutId, seq, asset, state, batch, attempts + 1, snapshotTaken, Optional.empty(), version, error, now);
  }

  public TargetRun withSnapshotTaken() {
    return new TargetRun(rolloutId, seq, asset, state, batch, attempts, true, process, version, error, updatedAt);
  }

  public TargetRun withProcess(ProcessRef ref) {
    return new TargetRun(rolloutId, seq, asset, state, batch, attempts, snapshotTaken, Optional.ofNullable(ref), version, error, updatedAt);
  }

  public TargetRun withVersion(String v) {
    return new TargetRun(rolloutId, seq, asset, state, batch, attempts, snapshotTaken, process, v, error, updatedAt);
  }

  public TargetRun withError(String e) {
    return new TargetRun(rolloutId, seq, asset, state, batch, attempts, snapshotTaken, process, version, e, updatedAt);
  }
}
