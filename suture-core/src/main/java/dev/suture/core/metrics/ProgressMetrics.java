package dev.suture.core.metrics;

import static dev.suture.core.metrics.MetricNames.*;

import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rollouts by state; targets and progress of every rollout not in a terminal state. */
final class ProgressMetrics {
  private ProgressMetrics() {}

  static List<Sample> progress(ProgrammeRecords r) {
    List<Sample> out = new ArrayList<>();
    for (RolloutState s : RolloutState.values())
      out.add(Sample.of(ROLLOUTS, r.stateCounts().getOrDefault(s, 0L), "state", lower(s)));
    for (RolloutFacts f : r.rollouts()) {
      if (f.state().isTerminal()) continue;
      Map<TargetState, Integer> counts = f.targetCounts();
      int settled = 0;
      for (var e : counts.entrySet()) {
        out.add(Sample.of(ROLLOUT_TARGETS, e.getValue(), "rollout", f.id(), "state", lower(e.getKey())));
        if (e.getKey().isSettled()) settled += e.getValue();
      }
      out.add(Sample.of(ROLLOUT_PROGRESS, Stats.ratio(settled, f.targets().size()), "rollout", f.id()));
      out.add(Sample.of(ROLLOUT_ACTIVE, 1, "rollout", f.id(), "patch", f.patchId(), "plan", f.planName(), "state", lower(f.state())));
    }
    return out;
  }

  private static String lower(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT); }
}
