package dev.suture.core.change;

import dev.suture.core.registry.Obligation;
import dev.suture.core.registry.ObligationSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The post-hoc reviews emergency change requests owe, for the SLA report: each one is due at
 * approval + review-due (48 h by default) and done when someone other than the requester records it.
 */
public final class ReviewObligations implements ObligationSource {
  public static final String KIND = "emergency change post-hoc review";
  /** More change requests than this in the report's view is a sign to archive, not to page through. */
  private static final int LIMIT = 10_000;
  private final ChangeRequestStore store;

  public ReviewObligations(ChangeRequestStore store) { this.store = store; }

  @Override public List<Obligation> obligations(Instant now) {
    return store.list(null, LIMIT).stream().filter(cr -> cr.review() != null)
        .map(cr -> new Obligation(KIND, "change-request/" + cr.id(), cr.review().due(), Optional.ofNullable(cr.review().doneAt())))
        .toList();
  }
}
