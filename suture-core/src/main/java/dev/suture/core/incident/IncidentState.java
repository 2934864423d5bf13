package dev.suture.core.incident;

import dev.suture.core.registry.InvalidFieldsException;
import dev.suture.core.rollout.IllegalTransitionException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Incident lifecycle after the engine opens one on a halt: mitigated (bleeding stopped, e.g.
 * rolled back), resolved (cause fixed or understood), closed (post-mortem complete). Strictly in
 * order: nobody jumps to CLOSED, so every closed incident went through resolution and review.
 */
public enum IncidentState {
  OPEN, MITIGATED, RESOLVED, CLOSED;

  private Set<IncidentState> next;

  static {
    OPEN.next = EnumSet.of(MITIGATED);
    MITIGATED.next = EnumSet.of(RESOLVED);
    RESOLVED.next = EnumSet.of(CLOSED);
    CLOSED.next = EnumSet.noneOf(IncidentState.class);
  }

  public boolean canTransitionTo(IncidentState target) { return next.contains(target); }

  public Set<IncidentState> allowedNext() { return next.isEmpty() ? EnumSet.noneOf(IncidentState.class) : EnumSet.copyOf(next); }

  public IncidentState transitionTo(IncidentState target) {
    if (!canTransitionTo(target)) throw new IllegalTransitionException("incident", name(), target.name());
    return target;
  }

  public boolean isTerminal() { return next.isEmpty(); }

  /** Reads a stored or requested state; the engine writes "OPEN", people may write "open". */
  public static IncidentState parse(String field, String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw InvalidFieldsException.of(field, "'" + s + "' is not an incident state (open, mitigated, resolved, closed)");
    }
  }
}
