package dev.suture.core.incident;

import dev.suture.core.registry.FieldProblem;
import dev.suture.core.registry.InvalidFieldsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The blameless post-mortem of an incident (curriculum module 6; SOP rollback step 5). Saved as a
 * draft any number of times; {@code completedAt} is set when its author declares it complete,
 * which is only accepted when {@link #problems()} is empty.
 */
public record Postmortem(String incidentId, String rootCause, List<TimelineEntry> timeline, List<ActionItem> actionItems,
                         String author, Instant completedAt) {
  public Postmortem {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(author, "author");
    rootCause = rootCause == null ? "" : rootCause.strip();
    timeline = List.copyOf(timeline == null ? List.of() : timeline);
    actionItems = List.copyOf(actionItems == null ? List.of() : actionItems);
  }

  /** What still keeps this post-mortem from being complete, each named by its field. */
  public List<FieldProblem> problems() {
    List<FieldProblem> out = new ArrayList<>();
    if (rootCause.isEmpty()) out.add(new FieldProblem("rootCause", "is required"));
    if (timeline.isEmpty()) out.add(new FieldProblem("timeline", "needs at least one entry"));
    for (int i = 0; i < timeline.size(); i++)
      if (timeline.get(i).description().isEmpty()) out.add(new FieldProblem("timeline[" + i + "].description", "is required"));
    for (int i = 0; i < actionItems.size(); i++) {
      ActionItem a = actionItems.get(i);
      if (a.description().isEmpty()) out.add(new FieldProblem("actionItems[" + i + "].description", "is required"));
      if (a.owner() == null) out.add(new FieldProblem("actionItems[" + i + "].owner", "is required"));
      if (a.due() == null) out.add(new FieldProblem("actionItems[" + i + "].due", "is required"));
    }
    return out;
  }

  public boolean isComplete() { return completedAt != null && problems().isEmpty(); }

  /** The author declares it complete: refused (all problems named) unless it is. */
  public Postmortem complete(Instant now) {
    InvalidFieldsException.throwIfAny(problems());
    return new Postmortem(incidentId, rootCause, timeline, actionItems, author, now);
  }
}
