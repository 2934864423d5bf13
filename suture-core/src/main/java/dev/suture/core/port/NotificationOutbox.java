package dev.suture.core.port;

import dev.suture.core.notify.Backoff;
import dev.suture.core.notify.Delivery;
import dev.suture.core.notify.DeliveryState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the notification outbox. Rows are derived from the audit log by {@link #relay}, so a
 * notification exists exactly when its audit event committed; delivery is at least once, with a
 * stable event id for receivers to de-duplicate.
 */
public interface NotificationOutbox {
  /**
   * In one transaction: up to {@code maxEvents} audit events after the cursor → outbox rows, cursor
   * advanced. Returns how many audit events it consumed (0: caught up).
   */
  int relay(int maxEvents);

  /**
   * Claims up to {@code limit} due PENDING rows for {@code hold} (they are not due again until
   * then), so two nodes never send the same row at the same time. A node that dies holding a claim
   * only delays the row by {@code hold}.
   */
  List<Delivery> claim(Instant now, Duration hold, int limit);

  void markSent(long id, Instant now);

  /** Records the error; reschedules by {@code backoff}, or DEAD once its attempts are used up. */
  Delivery markFailed(long id, String error, Instant now, Backoff backoff);

  List<Delivery> list(Optional<DeliveryState> state, int limit);

  Optional<Delivery> find(long id);

  /** DEAD → PENDING (due now, attempts reset), audited. A row in another state is a conflict. */
  Delivery retry(long id, String actor, Instant now);
}
