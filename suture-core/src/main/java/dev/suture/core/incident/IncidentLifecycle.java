package dev.suture.core.incident;

import dev.suture.core.registry.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The one rule that joins the two: an incident closes only with a complete post-mortem. */
public final class IncidentLifecycle {
  private IncidentLifecycle() {}

  public static IncidentState next(String incidentId, IncidentState from, IncidentState to, Optional<Postmortem> postmortem) {
    IncidentState target = from.transitionTo(to);
    if (target == IncidentState.CLOSED) {
      if (postmortem.isEmpty())
        throw new IncompletePostmortemException(incidentId, List.of(new FieldProblem("postmortem", "has not been written")));
      Postmortem pm = postmortem.get();
      List<FieldProblem> problems = new ArrayList<>(pm.problems());
      if (pm.completedAt() == null) problems.add(new FieldProblem("postmortem.completedAt", "the author has not marked it complete"));
      if (!problems.isEmpty()) throw new IncompletePostmortemException(incidentId, problems);
    }
    return target;
  }
}
