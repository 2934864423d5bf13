package dev.suture.core.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What stands in the way of starting a rollout at a proposed instant: its maintenance window being
 * closed, a freeze over its environments or groups, or targets that another active rollout holds.
 * Pure: the caller gathers the facts.
 */
public final class ScheduleConflicts {
  private ScheduleConflicts() {}

  /** A proposed rollout: where it runs and on what. */
  public record Proposal(Instant start, Set<String> environments, Set<String> groups, Set<String> targets,
                         Optional<MaintenanceWindow> window) {
    public Proposal {
      environments = Set.copyOf(environments);
      groups = Set.copyOf(groups);
      targets = Set.copyOf(targets);
      window = window == null ? Optional.empty() : window;
    }
  }

  /**
   * @param freezes every freeze (those not in force or not covering the proposal are ignored)
   * @param activeTargets target names per other active rollout id
   */
  public static List<Conflict> of(Proposal p, Collection<Freeze> freezes, Map<String, ? extends Collection<String>> activeTargets) {
    List<Conflict> out = new ArrayList<>();
    p.window().ifPresent(w -> outsideWindow(p.start(), w).ifPresent(out::add));
    p.window().ifPresent(w -> {
      List<String> other = p.environments().stream().filter(e -> !w.appliesTo(e)).sorted().toList();
      if (!other.isEmpty())
        out.add(new Conflict(Conflict.Kind.OUTSIDE_WINDOW, "maintenance window " + w.name() + " is for " + String.join(", ", w.environments())
            + ", not for " + String.join(", ", other)));
    });
    for (Freeze f : freezes) {
      if (!f.covers(p.environments(), p.groups())) continue;
      f.activeAt(p.start()).ifPresent(span -> out.add(new Conflict(Conflict.Kind.IN_FREEZE,
          "freeze " + f.name() + " (" + f.reason() + ") is in force from " + span.start() + " to " + span.end())));
    }
    activeTargets.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      Set<String> busy = new LinkedHashSet<>();
      e.getValue().stream().filter(p.targets()::contains).sorted().forEach(busy::add);
      if (!busy.isEmpty())
        out.add(new Conflict(Conflict.Kind.TARGET_BUSY, "rollout " + e.getKey() + " is patching " + busy.size() + " of these targets: "
            + String.join(", ", busy)));
    });
    return out;
  }

  /** A plan names a window that is not defined: such a rollout would halt when driven. */
  public static Conflict missingWindow(String name) {
    return new Conflict(Conflict.Kind.OUTSIDE_WINDOW, "maintenance window '" + name + "' does not exist: the rollout would halt");
  }

  private static Optional<Conflict> outsideWindow(Instant start, MaintenanceWindow w) {
    if (w.allowsStartAt(start)) return Optional.empty();
    String next = w.nextOpening(start).map(o -> "; it next opens at " + o.start()).orElse("; it never opens again");
    String why = w.isOpen(start) ? "is past the cutoff of maintenance window " + w.name() + " (no target starts after "
        + w.latestStart(start).orElseThrow() + ")" : "is outside maintenance window " + w.name();
    return Optional.of(new Conflict(Conflict.Kind.OUTSIDE_WINDOW, start + " " + why + next));
  }
}
