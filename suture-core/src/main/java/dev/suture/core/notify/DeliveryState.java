package dev.suture.core.notify;

import dev.suture.core.rollout.IllegalTransitionException;
import java.util.EnumSet;
import java.util.Set;

/**
 * An outbox row's lifecycle. PENDING → PENDING is a failed attempt rescheduled; DEAD rests until an
 * operator retries it; SENT is final.
 */
public enum DeliveryState {
  PENDING, SENT, DEAD;

  private Set<DeliveryState> next;

  static {
    PENDING.next = EnumSet.of(PENDING, SENT, DEAD);
    DEAD.next = EnumSet.of(PENDING);
    SENT.next = EnumSet.noneOf(DeliveryState.class);
  }

  public boolean canTransitionTo(DeliveryState target) { return next.contains(target); }

  public DeliveryState transitionTo(DeliveryState target) {
    if (!canTransitionTo(target)) throw new IllegalTransitionException("delivery", name(), target.name());
    return target;
  }

  public boolean isTerminal() { return next.isEmpty(); }
}
