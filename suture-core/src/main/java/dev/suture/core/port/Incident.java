package dev.suture.core.port;

import java.time.Instant;
import java.util.List;

/** Opened when a rollout halts; carries the rollout's timeline (audit events) at that moment. */
public record Incident(String id, String rolloutId, String priority, String title, String state, Instant createdAt,
                       List<dev.suture.core.audit.AuditEvent> timeline) {
  public Incident { timeline = List.copyOf(timeline); }
}
