package dev.suture.core.engine;

import dev.suture.core.plan.Plan;
import dev.suture.core.plan.StageSpec;
import dev.suture.core.rollout.StageRun;
import dev.suture.core.rollout.TargetRun;
import java.util.ArrayList;
import java.util.List;

/** Derives batches from the plan: which targets each canary/wave takes, and stage summaries. */
final class StagePlan {
  private StagePlan() {}

  /** 0 for a canary, then 1, 2, ... for the waves in order (waves are numbered from 1 even without a canary). */
  static int batchNumber(Plan plan, int stageIndex) {
    int wave = 0;
    for (int i = 0; i <= stageIndex; i++) {
      if (plan.stages().get(i) instanceof StageSpec.Wave) wave++;
    }
    return plan.stages().get(stageIndex) instanceof StageSpec.Canary ? 0 : wave;
  }

  static boolean snapshotsArmed(Plan plan, int stageIndex) {
    for (int i = 0; i < stageIndex; i++) if (plan.stages().get(i) instanceof StageSpec.Snapshot) return true;
    return false;
  }

  /** Targets the batch at {@code stageIndex} takes, cumulatively, out of {@code total}. */
  static int cumulativeGoal(Plan plan, int stageIndex, int total) {
    StageSpec s = plan.stages().get(stageIndex);
    int goal = 0;
    if (s instanceof StageSpec.Canary c) goal = c.count().of(total);
    if (s instanceof StageSpec.Wave w) goal = new dev.suture.core.plan.Quantity(w.percent(), true).of(total);
    return Math.min(total, goal);
  }

  /**
   * Assigns the batch's targets (persisted before any of them is touched, so a restarted node
   * patches the same set) and returns them. Idempotent: re-running assigns nothing new.
   */
  static List<TargetRun> assign(Drive drive, Plan plan, int stageIndex, int batchNo) throws InterruptedException {
    List<TargetRun> all = drive.targets(r -> true);
    int assigned = (int) all.stream().filter(r -> r.batch() != TargetRun.UNASSIGNED).count();
    int goal = cumulativeGoal(plan, stageIndex, all.size());
    List<TargetRun> fresh = new ArrayList<>();
    for (TargetRun r : all) {
      if (assigned + fresh.size() >= goal) break;
      if (r.batch() == TargetRun.UNASSIGNED) fresh.add(r.withBatch(batchNo));
    }
    drive.writeAll(fresh, List.of());
    return drive.targets(r -> r.batch() == batchNo);
  }

  static List<StageRun> initialStages(Plan plan, int total) {
    List<StageRun> out = new ArrayList<>();
    for (int i = 0; i < plan.stages().size(); i++) {
      StageSpec s = plan.stages().get(i);
      String summary = s.type();
      if (s instanceof StageSpec.Canary) summary = "canary: " + cumulativeGoal(plan, i, total) + " target(s)";
      if (s instanceof StageSpec.Wave w)
        summary = "wave " + batchNumber(plan, i) + ": up to " + w.percent() + "% (" + cumulativeGoal(plan, i, total) + " targets in all)";
      out.add(StageRun.pending(i, s.type(), summary));
    }
    return out;
  }
}
