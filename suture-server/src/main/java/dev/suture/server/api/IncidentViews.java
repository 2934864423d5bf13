package dev.suture.server.api;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.incident.ActionItem;
import dev.suture.core.incident.IncidentCase;
import dev.suture.core.incident.Postmortem;
import dev.suture.core.incident.TimelineEntry;
import dev.suture.core.registry.FieldProblem;
import dev.suture.server.api.Views.EventView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** JSON shapes of the incident API, and the post-mortem body parsed with field-named errors. */
final class IncidentViews {
  private IncidentViews() {}

  record StateBody(String to, String note, Long version) {}

  record CloseBody(String note, Long version) {}

  record EntryBody(String at, String description) {}

  record ItemBody(String description, String owner, String due, Boolean done) {}

  record PostmortemBody(String rootCause, List<EntryBody> timeline, List<ItemBody> actionItems, Boolean complete, Long version) {}

  record PostmortemView(String rootCause, List<TimelineEntry> timeline, List<ActionItem> actionItems, String author,
                        Instant completedAt, List<FieldProblem> missing) {
    static PostmortemView of(Postmortem p) {
      return new PostmortemView(p.rootCause(), p.timeline(), p.actionItems(), p.author(), p.completedAt(), p.problems());
    }
  }

  /** {@code rolloutTimeline}: the engine's events up to the halt; {@code history}: everything audited on the incident since. */
  record CaseView(String id, String rolloutId, String priority, String title, String state, Set<String> allowedNext,
                  Instant createdAt, long version, PostmortemView postmortem, boolean closable, List<EventView> rolloutTimeline,
                  List<EventView> history) {}

  static CaseView of(IncidentCase c, List<AuditEvent> history) {
    Set<String> next = new TreeSet<>();
    c.state().allowedNext().forEach(s -> next.add(RegistryViews.wire(s)));
    boolean closable = c.state().canTransitionTo(dev.suture.core.incident.IncidentState.CLOSED)
        && c.postmortem().map(Postmortem::isComplete).orElse(false);
    return new CaseView(c.id(), c.incident().rolloutId(), c.incident().priority(), c.incident().title(), RegistryViews.wire(c.state()),
        next, c.incident().createdAt(), c.version(), c.postmortem().map(PostmortemView::of).orElse(null), closable,
        c.incident().timeline().stream().map(EventView::of).toList(), history.stream().map(EventView::of).toList());
  }

  /** The incident id and author are filled in by the store; this carries what the person wrote. */
  static Postmortem postmortem(String incidentId, PostmortemBody b) {
    List<TimelineEntry> timeline = new ArrayList<>();
    List<EntryBody> entries = b.timeline() == null ? List.of() : b.timeline();
    for (int i = 0; i < entries.size(); i++) {
      EntryBody e = entries.get(i);
      if (e == null || e.at() == null) throw new FieldException("timeline[" + i + "].at", "is required (an ISO-8601 instant)");
      try {
        timeline.add(new TimelineEntry(Instant.parse(e.at()), e.description()));
      } catch (DateTimeParseException x) {
        throw new FieldException("timeline[" + i + "].at", "'" + e.at() + "' is not an ISO-8601 instant like 2026-11-22T10:00:00Z");
      }
    }
    List<ActionItem> items = new ArrayList<>();
    List<ItemBody> bodies = b.actionItems() == null ? List.of() : b.actionItems();
    for (int i = 0; i < bodies.size(); i++) {
      ItemBody a = bodies.get(i);
      if (a == null) throw new FieldException("actionItems[" + i + "]", "is empty");
      LocalDate due = null;
      if (a.due() != null && !a.due().isBlank()) {
        try {
          due = LocalDate.parse(a.due().trim());
        } catch (DateTimeParseException x) {
          throw new FieldException("actionItems[" + i + "].due", "'" + a.due() + "' is not a date like 2026-12-15");
        }
      }
      items.add(new ActionItem(a.description(), a.owner(), due, Boolean.TRUE.equals(a.done())));
    }
    return new Postmortem(incidentId, b.rootCause(), timeline, items, "pending", null);
  }
}
