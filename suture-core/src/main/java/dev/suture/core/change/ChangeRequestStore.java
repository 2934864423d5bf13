package dev.suture.core.change;

import dev.suture.core.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: change requests. Every write commits its audit records in the same transaction. Updates
 * are optimistic: they apply only if the stored version still equals {@code request.version()}.
 */
public interface ChangeRequestStore {
  /** Returns the request as stored (version 1). */
  ChangeRequest insert(ChangeRequest request, List<AuditRecord> audit);

  /**
   * Saves {@code request} over the stored row whose version is {@code request.version()} and
   * returns it with the next version.
   *
   * @throws StaleChangeException when someone else saved it first
   */
  ChangeRequest update(ChangeRequest request, List<AuditRecord> audit);

  Optional<ChangeRequest> find(String id);

  /** Newest first; {@code state} may be null for all. */
  List<ChangeRequest> list(ChangeState state, int limit);

  /** Emergency reviews not done, past due at {@code now}, whose overdue event was not yet emitted. */
  List<ChangeRequest> reviewsOverdue(Instant now);
}
