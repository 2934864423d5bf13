package dev.suture.core.change;

import dev.suture.core.engine.ConflictException;
import java.util.List;

/**
 * Whether a rollout may be created: refusals stop it; overrides are promotion-order rules an
 * emergency change set aside, which get audited.
 */
public record Admission(List<String> refusals, List<String> overrides) {
  public Admission {
    refusals = List.copyOf(refusals);
    overrides = List.copyOf(overrides);
  }

  public boolean admitted() { return refusals.isEmpty(); }

  public void requireAdmitted() {
    if (!admitted()) throw new ConflictException("rollout not admitted: " + String.join("; ", refusals));
  }
}
