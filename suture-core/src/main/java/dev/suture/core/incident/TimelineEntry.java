package dev.suture.core.incident;

import dev.suture.core.registry.InvalidFieldsException;
import java.time.Instant;

/** One line of the post-mortem's human timeline: what happened when. */
public record TimelineEntry(Instant at, String description) {
  public TimelineEntry {
    if (at == null) throw InvalidFieldsException.of("timeline.at", "is required");
    description = description == null ? "" : description.strip();
  }
}
