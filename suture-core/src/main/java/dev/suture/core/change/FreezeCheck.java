package dev.suture.core.change;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which change freezes cover any of {@code environments} at {@code at}. Implemented by the freeze
 * documents (separate work); kept this small so change requests do not depend on how freezes are
 * stored or scheduled.
 */
@FunctionalInterface
public interface FreezeCheck {
  /** Human-readable "name: reason" for each active freeze; empty when none applies. */
  List<String> activeFreezes(Instant at, Set<String> environments);

  /** For a server with no freeze source configured: nothing is ever frozen. */
  FreezeCheck NONE = (at, environments) -> List.of();
}
