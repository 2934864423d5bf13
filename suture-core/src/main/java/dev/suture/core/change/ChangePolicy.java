package dev.suture.core.change;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Server-wide change rules: the CAB quorum for normal changes, which plans are standard templates,
 * who holds on-call authority for emergencies, and how soon an emergency must be reviewed.
 */
public record ChangePolicy(int quorum, Set<String> standardPlans, Set<String> onCall, Duration reviewDue) {
  public ChangePolicy {
    if (quorum < 1) throw new IllegalArgumentException("suture.change.quorum must be at least 1, was " + quorum);
    standardPlans = Set.copyOf(standardPlans);
    onCall = Set.copyOf(onCall);
    Objects.requireNonNull(reviewDue, "reviewDue");
    if (reviewDue.isNegative() || reviewDue.isZero())
      throw new IllegalArgumentException("suture.change.review-due must be positive, was " + reviewDue);
  }

  public static ChangePolicy defaults() { return new ChangePolicy(2, Set.of(), Set.of(), Duration.ofHours(48)); }

  public boolean isOnCall(String name) { return onCall.stream().anyMatch(n -> ChangeRequest.samePerson(n, name)); }
}
