package dev.suture.core.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something owed by a deadline that is not a registry record, e.g. the post-hoc review of an
 * emergency change request (due 48 h after it). Other parts of the server hand these to the SLA
 * report so an auditor sees every overdue duty in one place.
 */
public record Obligation(String kind, String subject, Instant due, Optional<Instant> doneAt) {
  public Obligation {
    if (kind == null || kind.isBlank()) throw InvalidFieldsException.of("kind", "is required");
    if (subject == null || subject.isBlank()) throw InvalidFieldsException.of("subject", "is required");
    Objects.requireNonNull(due, "due");
    doneAt = doneAt == null ? Optional.empty() : doneAt;
  }
}
