package dev.suture.core.registry;

import dev.suture.core.engine.ConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry entry for one Patch document: purpose (fields), links (ref), timeline (approval
 * chain included) and outcome (terminal status). Immutable; the store bumps {@code version} on
 * every write and refuses a write based on a stale version.
 *
 * <p>{@code due} is fixed when the record is proposed: the SLA is the commitment made at that
 * moment, so changing the policy later does not move existing deadlines.
 */
public record PatchRecord(PatchRef ref, PatchStatus status, PatchFields fields, Instant due, List<StatusChange> timeline,
                          long version) {
  public PatchRecord {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(status, "status");
    fields = fields == null ? PatchFields.EMPTY : fields;
    timeline = List.copyOf(timeline);
    if (timeline.isEmpty() || timeline.get(0).from() != null) throw new IllegalArgumentException("timeline must start with the creation");
    if (timeline.get(timeline.size() - 1).to() != status) throw new IllegalArgumentException("status must be the timeline's last state");
  }

  public static PatchRecord create(PatchRef ref, PatchFields fields, String actor, Instant now, String note) {
    return new PatchRecord(ref, PatchStatus.DRAFT, fields, null, List.of(new StatusChange(null, PatchStatus.DRAFT, actor, now, note)), 0);
  }

  public String patchId() { return ref.patchId(); }

  public Instant createdAt() { return timeline.get(0).at(); }

  public Optional<StatusChange> entered(PatchStatus s) { return timeline.stream().filter(c -> c.to() == s).findFirst(); }

  public Optional<Instant> proposedAt() { return entered(PatchStatus.PROPOSED).map(StatusChange::at); }

  /** When the record reached a terminal state (the outcome), if it has. */
  public Optional<Instant> finishedAt() {
    return status.isTerminal() ? Optional.of(timeline.get(timeline.size() - 1).at()) : Optional.empty();
  }

  /** Edits the mandatory fields; only a draft may change, so what was approved stays what is recorded. */
  public PatchRecord edit(PatchFields update) {
    if (update == null || update.isEmpty()) return this;
    if (status != PatchStatus.DRAFT)
      throw new ConflictException("patch " + patchId() + " is " + status + "; its fields can only change while DRAFT");
    return new PatchRecord(ref, status, fields.merge(update), due, timeline, version);
  }

  /** Refreshes priority, tickets and CVEs from the Patch document (done when proposing). */
  public PatchRecord withRef(PatchRef newRef) {
    if (!newRef.patchId().equals(patchId())) throw new IllegalArgumentException("ref is for another patch: " + newRef.patchId());
    return new PatchRecord(newRef, status, fields, due, timeline, version);
  }

  public PatchRecord withVersion(long v) { return new PatchRecord(ref, status, fields, due, timeline, v); }

  /**
   * Moves the record. Leaving DRAFT needs every mandatory field (all missing ones are named at
   * once); approval needs someone other than the proposer (DESIGN §6); cancelling or rolling back
   * needs a reason; proposing fixes the SLA due time.
   */
  public PatchRecord transitionTo(PatchStatus to, String actor, Instant now, String note, SlaPolicy policy) {
    Objects.requireNonNull(actor, "actor");
    status.transitionTo(to);
    String why = note == null ? "" : note.strip();
    if (to == PatchStatus.PROPOSED) InvalidFieldsException.throwIfAny(fields.missing());
    if (to.needsReason() && why.isEmpty())
      throw InvalidFieldsException.of("note", "is required when moving to " + to + ": say why the patch did not ship");
    if (to == PatchStatus.APPROVED) {
      String proposer = entered(PatchStatus.PROPOSED).map(StatusChange::actor).orElse("");
      if (proposer.equals(actor)) throw new ConflictException(actor + " proposed patch " + patchId() + " and may not approve it too");
    }
    Instant newDue = to == PatchStatus.PROPOSED ? policy.due(ref.priority(), now) : due;
    List<StatusChange> t = new ArrayList<>(timeline);
    t.add(new StatusChange(status, to, actor, now, why));
    return new PatchRecord(ref, to, fields, newDue, t, version);
  }
}
