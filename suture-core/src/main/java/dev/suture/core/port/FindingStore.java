package dev.suture.core.port;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingChange;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingQuery;
import dev.suture.core.finding.FindingState;
import dev.suture.core.finding.RiskException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: findings and their history. Nothing is ever deleted; every write is fenced by the finding's version. */
public interface FindingStore {
  /**
   * Inserts findings whose version is 0 and updates the others if their version still matches, with
   * the history lines, in one transaction; a stale version fails the whole save with a conflict.
   *
   * @return the stored findings with their new versions
   */
  List<Finding> save(List<Finding> findings, List<FindingChange> changes, String actor);

  /** A person's decision; {@code expectedVersion} fences concurrent edits. */
  Finding transition(FindingKey key, FindingState to, String actor, String note, Optional<RiskException> exception,
                     long expectedVersion);

  Optional<Finding> find(FindingKey key);

  List<Finding> list(FindingQuery q);

  List<Finding> forAsset(String asset);

  List<Finding> forAdvisory(String advisoryId);

  List<FindingChange> history(FindingKey key);

  List<Finding> expiredExceptions(Instant now);

  Map<FindingState, Long> countByState();
}
