package dev.suture.core.rollout;

import dev.suture.core.model.Patch;
import dev.suture.core.plan.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One execution of a Plan for a Patch. {@code lockVersion} fences every write of the node that
 * owns it; {@code control} is an operator verb not yet acted on.
 */
public record Rollout(String id, Plan plan, String planYaml, Patch patch, String patchYaml, RolloutState state,
                      int stageIndex, List<StageRun> stages, Optional<ControlVerb> control, String haltReason,
                      Instant createdAt, Instant updatedAt, long lockVersion) {
  public Rollout {
    stages = List.copyOf(stages);
    control = control == null ? Optional.empty() : control;
  }

  public Rollout withState(RolloutState next, Instant now) {
    return new Rollout(id, plan, planYaml, patch, patchYaml, state.transitionTo(next), stageIndex, stages, control, haltReason, createdAt, now, lockVersion);
  }

  public Rollout withStage(int index, StageRun run, Instant now) {
    var list = new java.util.ArrayList<>(stages);
    list.set(run.index(), run);
    return new Rollout(id, plan, planYaml, patch, patchYaml, state, index, list, control, haltReason, createdAt, now, lockVersion);
  }

  public Rollout withHaltReason(String reason) {
    return new Rollout(id, plan, planYaml, patch, patchYaml, state, stageIndex, stages, control, reason, createdAt, updatedAt, lockVersion);
  }

  public Rollout withLockVersion(long v) {
    return new Rollout(id, plan, planYaml, patch, patchYaml, state, stageIndex, stages, control, haltReason, createdAt, updatedAt, v);
  }

  public StageRun currentStage() { return stages.get(Math.min(stageIndex, stages.size() - 1)); }
}
