package dev.suture.core.incident;

import dev.suture.core.port.Incident;
import java.util.Objects;
import java.util.Optional;

/** An incident as governance sees it: the engine's record, its lifecycle state, its post-mortem. */
public record IncidentCase(Incident incident, IncidentState state, Optional<Postmortem> postmortem, long version) {
  public IncidentCase {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(state, "state");
    postmortem = postmortem == null ? Optional.empty() : postmortem;
  }

  public String id() { return incident.id(); }
}
