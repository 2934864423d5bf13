package dev.suture.core.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a record's timeline: who moved it from where to where, when and why. The first
 * line is the creation and has no {@code from}.
 */
public record StatusChange(PatchStatus from, PatchStatus to, String actor, Instant at, String note) {
  public StatusChange {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    if (from == null && to != PatchStatus.DRAFT) throw new IllegalArgumentException("only the creation line has no from state");
    note = note == null ? "" : note.strip();
  }
}
