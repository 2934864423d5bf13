package dev.suture.server.api;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.json.Json;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import dev.suture.core.plan.Plan;
import dev.suture.core.port.Incident;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.StageRun;
import dev.suture.core.rollout.TargetRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON shapes of the REST API (docs/api.md). Records, so the OpenAPI schema follows them. */
public final class Views {
  private Views() {}

  public record AppliedView(String kind, String name, String action) {}

  public record ApplyResponse(List<AppliedView> applied) {}

  public record AssetView(String name, String environment, String address, List<String> groups, Map<String, String> labels,
                          String criticality) {
    static AssetView of(Asset a) {
      return new AssetView(a.name(), a.environment(), a.address(), a.groups(), new TreeMap<>(a.labels()), a.criticality().name().toLowerCase());
    }
  }

  public record PatchView(String id, String title, String kind, String form, String priority, String version, List<String> tickets,
                          List<String> cves) {
    static PatchView of(Patch p) {
      return new PatchView(p.id(), p.title(), p.kind().name().toLowerCase(), p.form().name().toLowerCase(), p.priority().name().toLowerCase(),
          p.version(), p.tickets(), p.cves());
    }
  }

  public record PlanView(String name, String selector, String executor, List<String> checks, List<String> stages, String rollback,
                         String yaml) {
    static PlanView of(Plan p, String yaml) {
      return new PlanView(p.name(), p.targets().expression(), p.executor().type(), p.checks().stream().map(c -> c.name()).toList(),
          p.stages().stream().map(s -> s.type()).toList(), p.onFailure().rollback().name().toLowerCase(), yaml);
    }
  }

  /** {@code changeRequest}: the id of the APPROVED change request the rollout runs under (required for protected environments). */
  public record StartRequest(String plan, String patch, String changeRequest) {}

  public record RolloutSummary(String id, String plan, String patch, String state, Instant createdAt, Instant updatedAt) {
    static RolloutSummary of(Rollout r) {
      return new RolloutSummary(r.id(), r.plan().name(), r.patch().id(), r.state().name(), r.createdAt(), r.updatedAt());
    }
  }

  public record StageView(int index, String type, String state, String summary, Instant startedAt, Instant endedAt) {
    static StageView of(StageRun s) { return new StageView(s.index(), s.type(), s.state().name(), s.summary(), s.startedAt(), s.endedAt()); }
  }

  public record TargetView(String asset, String state, int attempts, Integer batch, String version, String snapshotId,
                           String error, Instant updatedAt) {
    static TargetView of(TargetRun t) {
      return new TargetView(t.name(), t.state().name(), t.attempts(), t.batch() == TargetRun.UNASSIGNED ? null : t.batch(), t.version(),
          t.snapshotId(), t.error(), t.updatedAt());
    }
  }

  public record EventView(long sequence, Instant time, String actor, String action, String subject, Map<String, Object> details,
                          String previousHash, String hash) {
    static EventView of(AuditEvent e) {
      return new EventView(e.sequence(), e.time(), e.actor(), e.action(), e.subject(), Json.readObject(e.details()), e.previousHash(), e.hash());
    }
  }

  public record IncidentRef(String id, String priority, String title, Instant createdAt) {
    static IncidentRef of(Incident i) { return new IncidentRef(i.id(), i.priority(), i.title(), i.createdAt()); }
  }

  public record IncidentView(String id, String rolloutId, String priority, String title, String state, Instant createdAt,
                             List<EventView> timeline) {
    static IncidentView of(Incident i) {
      return new IncidentView(i.id(), i.rolloutId(), i.priority(), i.title(), i.state(), i.createdAt(),
          i.timeline().stream().map(EventView::of).toList());
    }
  }

  public record RolloutDetail(String id, String plan, String patch, String version, String state, Instant createdAt, Instant updatedAt,
                              int currentStage, String haltReason, List<StageView> stages, Map<String, Integer> counts,
                              List<TargetView> targets, List<EventView> timeline, IncidentRef incident) {}

  public record Verification(boolean intact, long events, Long firstBadSequence, String reason) {}
}
