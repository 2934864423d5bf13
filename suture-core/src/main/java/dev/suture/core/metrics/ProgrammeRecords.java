package dev.suture.core.metrics;

import dev.suture.core.model.Asset;
import dev.suture.core.registry.PatchRecord;
import dev.suture.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the programme metrics are computed from, read from Suture's own records at one
 * instant ({@code now}). Rates and means cover {@code (now - window, now]}.
 *
 * @param rollouts rollouts that ended in the window or up to 72 h before it (M7 looks back), were
 *     created in it, or have not ended
 * @param coverage no longer read: M5 was computed from these rollouts until it moved to the findings
 *     ({@link FindingFacts}); the loader passes an empty list
 * @param audit rollout audit events in the window (see {@link AuditFact})
 * @param registry every patch registry record
 * @param incidents every incident (opened when a rollout halts)
 * @param changes change requests linked to a rollout
 * @param inventory the assets known now (ASSET documents); no metric reads it since M5 moved to {@link FindingFacts}
 * @param stateCounts rollouts per state, all time
 * @param auditIntact the result of the last audit chain verification, empty before the first
 */
public record ProgrammeRecords(Instant now, Duration window, List<RolloutFacts> rollouts, List<RolloutFacts> coverage,
                               List<AuditFact> audit, List<PatchRecord> registry, List<IncidentFact> incidents,
                               List<ChangeFact> changes, List<Asset> inventory, Map<RolloutState, Long> stateCounts,
                               Optional<Boolean> auditIntact) {
  public record IncidentFact(String id, String rolloutId, Instant createdAt) {}

  public record ChangeFact(String id, String rolloutId, String patchId, String state) {}

  public ProgrammeRecords {
    Objects.requireNonNull(now, "now");
    if (window == null || window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
    rollouts = List.copyOf(rollouts);
    coverage = List.copyOf(coverage);
    audit = List.copyOf(audit);
    registry = List.copyOf(registry);
    incidents = List.copyOf(incidents);
    changes = List.copyOf(changes);
    inventory = List.copyOf(inventory);
    stateCounts = Map.copyOf(stateCounts);
    auditIntact = auditIntact == null ? Optional.empty() : auditIntact;
  }

  public Instant windowStart() { return now.minus(window); }

  /** In {@code (now - window, now]}. */
  public boolean inWindow(Instant t) { return t != null && t.isAfter(windowStart()) && !t.isAfter(now); }

  public Optional<PatchRecord> record(String patchId) {
    return registry.stream().filter(r -> r.patchId().equals(patchId)).findFirst();
  }
}
