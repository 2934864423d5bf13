package dev.suture.core.change;

import java.time.Instant;
import java.util.Objects;

/**
 * The post-hoc review an emergency change owes. {@code overdueFlaggedAt} records that the overdue
 * event was emitted, so the periodic sweep emits it once, not every run.
 */
public record Review(Instant due, String doneBy, Instant doneAt, String notes, Instant overdueFlaggedAt) {
  public enum Status { PENDING, OVERDUE, DONE }

  public Review {
    Objects.requireNonNull(due, "due");
    if ((doneBy == null) != (doneAt == null)) throw new IllegalArgumentException("review: doneBy and doneAt go together");
  }

  public static Review dueAt(Instant due) { return new Review(due, null, null, null, null); }

  public boolean isDone() { return doneAt != null; }

  /**
   * Overdue from the due instant on, the same rule as every SLA in the report (due = first moment
   * of breach), so the report and the cr.review_overdue event never disagree.
   */
  public Status status(Instant now) {
    if (isDone()) return Status.DONE;
    return now.isBefore(due) ? Status.PENDING : Status.OVERDUE;
  }

  public Review done(String by, Instant at, String notes) {
    return new Review(due, by, at, InvalidChangeException.requireText("notes", notes), overdueFlaggedAt);
  }

  public Review flaggedOverdue(Instant at) { return new Review(due, doneBy, doneAt, notes, at); }
}
