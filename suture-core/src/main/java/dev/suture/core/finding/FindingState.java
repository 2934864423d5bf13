package dev.suture.core.finding;

import dev.suture.core.rollout.IllegalTransitionException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a finding. Nothing is ever deleted: a finding that stops applying is REMEDIATED (the
 * inventory shows a fixed version or the package is gone), and one that applies again (a downgrade,
 * a reinstalled image) is reopened with the history kept. ACCEPTED_RISK is an exception with an
 * approver and an expiry; it returns to OPEN when it expires. FALSE_POSITIVE is a person's judgement
 * that the advisory does not apply; it can be withdrawn (back to OPEN).
 *
 * <p>No state is terminal: each can be left by evidence (inventory) or a decision.
 */
public enum FindingState {
  OPEN, PATCH_PLANNED, REMEDIATED, ACCEPTED_RISK, FALSE_POSITIVE;

  private Set<FindingState> next;

  static {
    OPEN.next = EnumSet.of(PATCH_PLANNED, REMEDIATED, ACCEPTED_RISK, FALSE_POSITIVE);
    PATCH_PLANNED.next = EnumSet.of(OPEN, REMEDIATED, ACCEPTED_RISK, FALSE_POSITIVE);
    REMEDIATED.next = EnumSet.of(OPEN);
    ACCEPTED_RISK.next = EnumSet.of(OPEN, REMEDIATED, PATCH_PLANNED);
    FALSE_POSITIVE.next = EnumSet.of(OPEN, REMEDIATED);
  }

  public boolean canTransitionTo(FindingState target) { return next.contains(target); }

  public Set<FindingState> allowedNext() { return EnumSet.copyOf(next); }

  public FindingState transitionTo(FindingState target) {
    if (!canTransitionTo(target)) throw new IllegalTransitionException("finding", name(), target.name());
    return target;
  }

  /** Open findings count against coverage and SLAs; the others do not (an accepted risk is tracked by its expiry). */
  public boolean isActive() { return this == OPEN || this == PATCH_PLANNED; }

  public String wireName() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }

  public static FindingState fromWire(String s) {
    for (FindingState v : values()) if (v.wireName().equals(s) || v.name().equals(s)) return v;
    throw new IllegalArgumentException("unknown finding state '" + s + "' (one of open, patch-planned, remediated, accepted-risk, false-positive)");
  }
}
