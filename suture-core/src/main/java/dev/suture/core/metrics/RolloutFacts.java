package dev.suture.core.metrics;

import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.plan.TargetSelector;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the programme metrics need to know about one rollout: its row (state, times), what its
 * patch and plan said when it was created (priority, kind, CVEs, tickets, whether any gate has
 * checks, the target selector) and its targets.
 *
 * <p>{@code updatedAt} is the row's last write; once the rollout has ended nothing writes the row
 * again, so for an ended rollout it is the time it ended.
 */
public record RolloutFacts(String id, String patchId, String planName, RolloutState state, Instant createdAt, Instant updatedAt,
                           Priority priority, PatchKind kind, List<String> cves, List<String> tickets, boolean hasProbes,
                           TargetSelector selector, List<Target> targets) {
  /** The environment name a change must be approved for (SOP: production needs a change request). */
  public static final String PRODUCTION = "production";

  public record Target(String asset, String environment, TargetState state) {
    public Target {
      Objects.requireNonNull(asset, "asset");
      Objects.requireNonNull(state, "state");
      environment = environment == null ? "" : environment;
    }
  }

  public RolloutFacts {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    cves = List.copyOf(cves == null ? List.of() : cves);
    tickets = List.copyOf(tickets == null ? List.of() : tickets);
    targets = List.copyOf(targets == null ? List.of() : targets);
  }

  /**
   * Ended for the programme: terminal, or HALTED (a halted rollout under a manual rollback policy
   * waits for an operator, but its outcome — not a success — is already known).
   */
  public boolean ended() { return state.isTerminal() || state == RolloutState.HALTED; }

  public Optional<Instant> endedAt() { return ended() ? Optional.of(updatedAt) : Optional.empty(); }

  public boolean touchedTargets() { return targets.stream().anyMatch(t -> t.state().isTouched()); }

  public boolean production() { return targets.stream().anyMatch(t -> PRODUCTION.equals(t.environment())); }

  public Set<String> assets() { return targets.stream().map(Target::asset).collect(Collectors.toSet()); }

  public Map<TargetState, Integer> targetCounts() {
    Map<TargetState, Integer> out = new EnumMap<>(TargetState.class);
    for (TargetState s : TargetState.values()) out.put(s, 0);
    for (Target t : targets) out.merge(t.state(), 1, Integer::sum);
    return out;
  }
}
