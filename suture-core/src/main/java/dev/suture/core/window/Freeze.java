package dev.suture.core.window;

import dev.suture.core.model.Names;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When disruptive work may not start: a fixed span ({@code fixed}) or a recurring one
 * ({@code recurring}), exactly one of them. Scopes narrow it: {@code environments} and
 * {@code groups}, each empty meaning "all"; a rollout is frozen when it matches both.
 */
public record Freeze(String name, Optional<Opening> fixed, Optional<Schedule> recurring, List<String> environments,
                     List<String> groups, String reason) {
  public Freeze {
    Names.require("metadata.name", name);
    fixed = fixed == null ? Optional.empty() : fixed;
    recurring = recurring == null ? Optional.empty() : recurring;
    if (fixed.isPresent() == recurring.isPresent())
      throw new IllegalArgumentException("a freeze has either from/to or schedule/duration");
    environments = List.copyOf(environments);
    groups = List.copyOf(groups);
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) throw new IllegalArgumentException("reason is required");
  }

  /** The span of this freeze containing {@code t}, if it is in force then. */
  public Optional<Opening> activeAt(Instant t) {
    if (fixed.isPresent()) return fixed.filter(o -> o.contains(t));
    return recurring.get().openingAt(t);
  }

  /** Whether this freeze covers work on any of these environments and groups. */
  public boolean covers(Collection<String> envs, Collection<String> grps) {
    return (environments.isEmpty() || envs.stream().anyMatch(environments::contains))
        && (groups.isEmpty() || grps.stream().anyMatch(groups::contains));
  }
}
