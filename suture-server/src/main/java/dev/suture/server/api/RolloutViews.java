package dev.suture.server.api;

import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.TargetRun;
import dev.suture.server.api.Views.EventView;
import dev.suture.server.api.Views.IncidentRef;
import dev.suture.server.api.Views.RolloutDetail;
import dev.suture.server.api.Views.StageView;
import dev.suture.server.api.Views.TargetView;
import dev.suture.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles the rollout detail: row, stages, per-target states with counts, timeline, incident. */
final class RolloutViews {
  private final Store store;

  RolloutViews(Store store) { this.store = store; }

  RolloutDetail detail(Rollout r) {
    List<TargetRun> targets = store.rollouts().targets(r.id());
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (TargetRun t : targets) counts.merge(t.state().name(), 1, Integer::sum);
    return new RolloutDetail(r.id(), r.plan().name(), r.patch().id(), r.patch().version(), r.state().name(), r.createdAt(), r.updatedAt(),
        r.stageIndex(), r.haltReason(), r.stages().stream().map(StageView::of).toList(), counts,
        targets.stream().map(TargetView::of).toList(),
        store.audit().forSubject("rollout/" + r.id()).stream().map(EventView::of).toList(),
        store.rollouts().incidentFor(r.id()).map(IncidentRef::of).orElse(null));
  }
}
