package dev.suture.server.metrics;

import dev.suture.core.metrics.MetricNames;
import dev.suture.core.metrics.ProgrammeMetrics;
import dev.suture.core.metrics.Sample;
import dev.suture.core.port.AuditLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the programme metrics every {@code interval} on its own thread and publishes the result
 * as Micrometer gauges. A scrape of /actuator/prometheus only reads the last snapshot: it never
 * runs SQL. The audit chain is re-verified every {@code verifyInterval} (it rehashes the whole
 * log, so it runs far less often than the metrics).
 */
public final class ProgrammeMetricsExporter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProgrammeMetricsExporter.class);

  private final ProgrammeRecordsLoader loader;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration interval;
  private final Duration verifyInterval;
  private final MeterRegistry registry;
  /** One gauge per (name, labels), reading a cell the pass updates; see {@link #publish}. */
  private final Map<Sample, Registered> gauges = new LinkedHashMap<>();
  private final AtomicReference<List<Sample>> snapshot = new AtomicReference<>(List.of());
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "suture-metrics");
    t.setDaemon(true);
    return t;
  });
  private Optional<Boolean> intact = Optional.empty();
  private Instant verifiedAt;

  ProgrammeMetricsExporter(ProgrammeRecordsLoader loader, AuditLog audit, MeterRegistry registry, Clock clock, Duration interval,
                           Duration verifyInterval) {
    this.loader = loader;
    this.audit = audit;
    this.clock = clock;
    this.interval = interval;
    this.verifyInterval = verifyInterval;
    this.registry = registry;
  }

  /** The first pass runs before this returns, so a scrape right after startup already sees every metric. */
  public void start() {
    computeOnce();
    timer.scheduleWithFixedDelay(this::computeOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The samples of the last pass. */
  public List<Sample> snapshot() { return snapshot.get(); }

  /** One pass; a failure is logged and the previous values stay until the next pass succeeds. */
  synchronized void computeOnce() {
    try {
      if (verifiedAt == null || !clock.instant().isBefore(verifiedAt.plus(verifyInterval))) {
        intact = Optional.of(audit.verify().intact());
        verifiedAt = clock.instant();
        if (!intact.get()) log.error("programme metrics: the audit chain is NOT intact (GET /api/v1/audit/verify says where)");
      }
      var records = loader.load(intact);
      List<Sample> samples = ProgrammeMetrics.compute(records, loader.findings(records.now()));
      publish(samples);
      snapshot.set(samples);
    } catch (RuntimeException e) {
      log.error("programme metrics pass failed; keeping the previous values, retrying in {}", interval, e);
    }
  }

  /** A registered gauge and the value it reports. */
  private static final class Registered {
    volatile double value;
    Gauge gauge;
  }

  /**
   * Updates the cells of series that still exist, registers new ones and removes the ones that
   * vanished (a rollout that ended). Existing gauges are never re-registered: removing and adding a
   * series with the same labels while Prometheus scrapes makes the scrape fail with "duplicate labels".
   */
  private void publish(List<Sample> samples) {
    Map<Sample, Double> next = new LinkedHashMap<>();
    for (Sample s : samples) {
      if (!MetricNames.HELP.containsKey(s.name())) throw new IllegalStateException("metric " + s.name() + " is not documented in MetricNames.HELP");
      next.put(new Sample(s.name(), s.labels(), 0), s.value());
    }
    for (var it = gauges.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (next.containsKey(e.getKey())) continue;
      registry.remove(e.getValue().gauge);
      it.remove();
    }
    next.forEach((key, value) -> {
      Registered r = gauges.get(key);
      if (r == null) {
        Registered fresh = new Registered();
        fresh.value = value;
        Tags tags = Tags.empty();
        for (var l : key.labels().entrySet()) tags = tags.and(l.getKey(), l.getValue());
        fresh.gauge = Gauge.builder(key.name(), fresh, x -> x.value).description(MetricNames.HELP.get(key.name())).tags(tags)
            .strongReference(true).register(registry);
        gauges.put(key, fresh);
      } else {
        r.value = value;
      }
    });
  }

  @Override public void close() { timer.shutdownNow(); }
}
