package dev.suture.core.change;

import dev.suture.core.auth.Actor;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.port.NotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a change request, decides, saves. Two approvers clicking at once both read version n; the
 * second save is stale, so it re-reads (now with the first approval in it) and decides again: no
 * approval is lost and the quorum is counted over both.
 */
public final class ChangeService {
  private static final Logger log = LoggerFactory.getLogger(ChangeService.class);
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  static final int ATTEMPTS = 5;

  private final ChangeRequestStore store;
  private final ChangeDecisions decisions;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ChangeService(ChangeRequestStore store, ChangeDecisions decisions, Clock clock) {
    this.store = store;
    this.decisions = decisions;
    this.clock = clock;
  }

  public ChangeDecisions decisions() { return decisions; }

  public ChangeRequest submit(ChangeDraft draft, Actor actor) {
    var now = now();
    String id = "cr-" + ID_TIME.format(now) + "-" + String.format("%04x", random.nextInt(0x10000));
    Change c = decisions.submit(id, draft, actor, now);
    return store.insert(c.request(), c.audit());
  }

  public ChangeRequest find(String id) { return store.find(id).orElseThrow(() -> new NotFoundException("change request", id)); }

  public List<ChangeRequest> list(ChangeState state, int limit) { return store.list(state, limit); }

  public ChangeRequest approve(String id, Actor actor, String comment) {
    return decide(id, cr -> decisions.approve(cr, actor, comment, now()));
  }

  public ChangeRequest reject(String id, Actor actor, String reason) {
    return decide(id, cr -> decisions.reject(cr, actor, reason, now()));
  }

  public ChangeRequest cancel(String id, Actor actor) { return decide(id, cr -> decisions.cancel(cr, actor, now())); }

  public ChangeRequest implement(String id, String rolloutId, List<String> overrides, Actor actor) {
    return decide(id, cr -> decisions.implement(cr, rolloutId, overrides, actor, now()));
  }

  public ChangeRequest recordReview(String id, Actor actor, String notes) {
    return decide(id, cr -> decisions.recordReview(cr, actor, notes, now()));
  }

  /** Emits cr.review_overdue once per overdue review; returns how many it flagged. */
  public int sweepOverdueReviews() {
    int flagged = 0;
    for (ChangeRequest cr : store.reviewsOverdue(now())) {
      var change = decisions.flagOverdue(cr, now());
      if (change.isEmpty()) continue;
      try {
        store.update(change.get().request(), change.get().audit());
        flagged++;
      } catch (StaleChangeException e) {
        // Expected race: the review was recorded (or another node flagged it) since we read it; the next sweep re-reads.
        log.debug("overdue review of {} not flagged: {}", cr.id(), e.getMessage());
      }
    }
    return flagged;
  }

  /**
   * Microseconds are what both databases keep (TIMESTAMP(6)); H2 rounds extra digits, so a request
   * stamped with nanoseconds would read back different from what was returned.
   */
  private Instant now() { return clock.instant().truncatedTo(ChronoUnit.MICROS); }

  private ChangeRequest decide(String id, Function<ChangeRequest, Change> decision) {
    for (int attempt = 1; ; attempt++) {
      Change c = decision.apply(find(id));
      try {
        return store.update(c.request(), c.audit());
      } catch (StaleChangeException e) {
        if (attempt == ATTEMPTS) throw new ConflictException("change request " + id
            + " is being changed by others right now; try again");
        log.debug("change request {} saved concurrently (attempt {}): deciding again on the fresh copy", id, attempt);
      }
    }
  }
}
