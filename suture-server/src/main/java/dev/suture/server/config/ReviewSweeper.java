package dev.suture.server.config;

import dev.suture.core.change.ChangeService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Periodically emits cr.review_overdue for emergency reviews past due. The once-only guarantee is
 * in the store (a version-fenced flag), so several nodes sweeping at once emit each event once.
 */
public final class ReviewSweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReviewSweeper.class);

  private final ChangeService changes;
  private final Duration period;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "suture-review-sweep");
    t.setDaemon(true);
    return t;
  });

  ReviewSweeper(ChangeService changes, Duration period) {
    this.changes = changes;
    this.period = period;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() { timer.scheduleWithFixedDelay(this::sweep, 0, period.toMillis(), TimeUnit.MILLISECONDS); }

  void sweep() {
    try {
      int n = changes.sweepOverdueReviews();
      if (n > 0) log.info("{} emergency change review(s) became overdue", n);
    } catch (RuntimeException e) {
      // A failed sweep (database briefly away) must not cancel the schedule; the next run retries.
      log.warn("review sweep failed; retrying in {}: {}", period, e.toString());
    }
  }

  @Override public void close() { timer.shutdownNow(); }
}
