package dev.suture.core.finding;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A filter over findings: every present criterion must hold (an empty {@code states} means any state).
 * Results are ordered by asset, advisory, package and cut at {@code limit}.
 */
public record FindingQuery(Optional<String> asset, Set<FindingState> states, Optional<String> advisoryId, int limit) {
  public static final int DEFAULT_LIMIT = 1000;

  public FindingQuery {
    Objects.requireNonNull(asset, "asset");
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    Objects.requireNonNull(advisoryId, "advisoryId");
    if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1, was " + limit);
  }

  public static FindingQuery all() { return new FindingQuery(Optional.empty(), Set.of(), Optional.empty(), DEFAULT_LIMIT); }

  public FindingQuery withAsset(String a) { return new FindingQuery(Optional.of(a), states, advisoryId, limit); }

  public FindingQuery withStates(Set<FindingState> s) { return new FindingQuery(asset, s, advisoryId, limit); }

  public FindingQuery withAdvisory(String id) { return new FindingQuery(asset, states, Optional.of(id), limit); }

  public FindingQuery withLimit(int n) { return new FindingQuery(asset, states, advisoryId, n); }
}
