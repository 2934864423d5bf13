package dev.suture.core.finding;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a finding's history: a state change (or its opening, {@code from} empty), who made it
 * ({@code system:inventory} when evidence did) and why.
 */
public record FindingChange(FindingKey key, Optional<FindingState> from, FindingState to, String actor, Instant at,
                            String note) {
  public FindingChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    note = note == null ? "" : note;
  }
}
