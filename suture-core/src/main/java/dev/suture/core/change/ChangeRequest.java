package dev.suture.core.change;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The approval record for rolling a patch out with a plan. {@code version} is the optimistic
 * concurrency token: the store refuses a save based on an older version.
 */
public record ChangeRequest(String id, ChangeDraft draft, ChangeState state, List<Approval> approvals, Instant approvedAt,
                            Rejection rejection, Review review, String rolloutId, Instant createdAt, Instant updatedAt,
                            long version) {
  public ChangeRequest {
    InvalidChangeException.requireText("id", id);
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(state, "state");
    approvals = List.copyOf(approvals == null ? List.of() : approvals);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (state == ChangeState.REJECTED && rejection == null) throw new IllegalArgumentException("a REJECTED change request needs its rejection");
    if (state == ChangeState.IMPLEMENTED && rolloutId == null) throw new IllegalArgumentException("an IMPLEMENTED change request names its rollout");
  }

  public static ChangeRequest submitted(String id, ChangeDraft draft, Instant now) {
    return new ChangeRequest(id, draft, ChangeState.SUBMITTED, List.of(), null, null, null, null, now, now, 0);
  }

  public ChangeType type() { return draft.type(); }

  public String requester() { return draft.requester(); }

  /**
   * Names compared the way separation of duties needs them: case and surrounding blanks do not
   * make "Alice" and "alice" two people.
   */
  public static boolean samePerson(String a, String b) {
    return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
  }

  /** Distinct approvers; quorum counts people, not approval rows. */
  public Set<String> approvers() {
    Set<String> seen = new LinkedHashSet<>();
    for (Approval a : approvals) seen.add(a.approver().strip().toLowerCase(Locale.ROOT));
    return seen;
  }

  public boolean approvedBy(String name) { return approvers().contains(name.strip().toLowerCase(Locale.ROOT)); }

  ChangeRequest with(ChangeState s, List<Approval> a, Instant approved, Rejection rej, Review rev, String rollout, Instant now) {
    return new ChangeRequest(id, draft, s, a, approved, rej, rev, rollout, createdAt, now, version);
  }

  ChangeRequest withState(ChangeState s, Instant now) { return with(state.transitionTo(s), approvals, approvedAt, rejection, review, rolloutId, now); }

  ChangeRequest withReview(Review r, Instant now) { return with(state, approvals, approvedAt, rejection, r, rolloutId, now); }

  public ChangeRequest withVersion(long v) {
    return new ChangeRequest(id, draft, state, approvals, approvedAt, rejection, review, rolloutId, createdAt, updatedAt, v);
  }
}
