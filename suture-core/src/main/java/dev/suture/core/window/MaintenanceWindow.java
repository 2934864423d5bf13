package dev.suture.core.window;

import dev.suture.core.model.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When disruptive work may start. No target starts after an opening's {@code end - cutoff}, so
 * the last ones have time to finish (and be observed) before the window closes.
 * {@code environments} empty means every environment.
 */
public record MaintenanceWindow(String name, Schedule schedule, Duration cutoff, List<String> environments) {
  public MaintenanceWindow {
    Names.require("metadata.name", name);
    Objects.requireNonNull(schedule, "schedule");
    cutoff = cutoff == null ? Duration.ZERO : cutoff;
    if (cutoff.isNegative()) throw new IllegalArgumentException("cutoff must not be negative");
    if (cutoff.compareTo(schedule.duration()) >= 0)
      throw new IllegalArgumentException("cutoff must be shorter than the duration (no target could ever start)");
    environments = List.copyOf(environments);
  }

  public boolean appliesTo(String environment) { return environments.isEmpty() || environments.contains(environment); }

  /** The opening containing {@code t}, even if it is past its cutoff. */
  public Optional<Opening> openingAt(Instant t) { return schedule.openingAt(t); }

  public boolean isOpen(Instant t) { return openingAt(t).isPresent(); }

  /** Whether a target may start at {@code t}: inside an opening and before its end minus the cutoff. */
  public boolean allowsStartAt(Instant t) {
    return openingAt(t).filter(o -> t.isBefore(o.latestStart(cutoff))).isPresent();
  }

  /** The latest start of the opening containing {@code t}, if open. */
  public Optional<Instant> latestStart(Instant t) { return openingAt(t).map(o -> o.latestStart(cutoff)); }

  /**
   * The next opening in which targets may start, after {@code t}: the one after the current opening
   * if {@code t} is inside one (past its cutoff or not). Empty if the schedule never fires again.
   */
  public Optional<Opening> nextOpening(Instant t) {
    // Openings that touch are merged, so nothing starts exactly at the current one's end.
    return schedule.nextOpening(openingAt(t).map(Opening::end).orElse(t));
  }
}
