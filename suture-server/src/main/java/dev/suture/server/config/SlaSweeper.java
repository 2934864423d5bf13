package dev.suture.server.config;

import dev.suture.store.JdbcPatchRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the registry's SLA breach sweep every {@code interval}. Time comes from the registry's
 * injected clock; every node may sweep, the store makes each breach recorded once.
 */
public final class SlaSweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlaSweeper.class);
  private final JdbcPatchRegistry registry;
  private final Duration interval;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "suture-sla-sweep");
    t.setDaemon(true);
    return t;
  });

  public SlaSweeper(JdbcPatchRegistry registry, Duration interval) {
    this.registry = registry;
    this.interval = interval;
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::sweepOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass; a failure is logged and the next pass tries again (a database blip must not end the schedule). */
  void sweepOnce() {
    try {
      int n = registry.sweepBreaches();
      if (n > 0) log.warn("SLA: {} registry record(s) passed their due time unmet (audited as sla.breached)", n);
    } catch (RuntimeException e) {
      log.error("SLA sweep failed; retrying in {}", interval, e);
    }
  }

  @Override public void close() { timer.shutdownNow(); }
}
