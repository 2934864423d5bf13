package dev.suture.core.port;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.TargetRun;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: durable rollout state. Engine writes are fenced by {@link Fence}: a write whose lock
 * version is stale changes nothing and throws {@link LeaseLostException}. Audit records passed
 * with a write are appended in the same transaction.
 */
public interface RolloutStore {
  void create(Rollout rollout, List<TargetRun> targets, AuditRecord audit);

  Optional<Rollout> find(String id);

  List<Rollout> list(int limit);

  List<TargetRun> targets(String rolloutId);

  /** Ids of rollouts in a driven state whose lease is free, expired, or held by {@code owner}. */
  List<String> claimable(String owner, Instant now, int limit);

  /** Takes the lease (bumping lock_version) if still claimable; empty if another node won. */
  Optional<Fence> claim(String rolloutId, String owner, Instant now, Instant leaseUntil);

  void renew(Fence fence, Instant leaseUntil);

  /** Gives the lease up (rollout at rest or terminal). */
  void release(Fence fence);

  /** Rollout state, stage index, stage runs and halt reason. Never touches the control column. */
  void save(Fence fence, Rollout rollout, Collection<AuditRecord> audit);

  /** Clears the pending verb if it is still {@code verb} (a newer request is kept). */
  void clearControl(Fence fence, ControlVerb verb);

  /** Batch write of target runs (one transaction). */
  void saveTargets(Fence fence, Collection<TargetRun> runs, Collection<AuditRecord> audit);

  /** Records an operator verb for the owning node to act on. Not fenced: operators are not owners. */
  void requestControl(String rolloutId, ControlVerb verb, AuditRecord audit);

  /** Cheap poll for a pending verb. */
  Optional<ControlVerb> control(String rolloutId);

  Incident openIncident(Fence fence, Incident incident, AuditRecord audit);

  List<Incident> incidents();

  Optional<Incident> incidentFor(String rolloutId);
}
