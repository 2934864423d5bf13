package dev.suture.core.vuln;

import dev.suture.core.engine.Adapters;
import dev.suture.core.inventory.CollectionResult;
import dev.suture.core.inventory.InventoryCollector;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.model.Asset;
import dev.suture.core.plan.TargetSelector;
import dev.suture.core.port.TargetExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inventory collection over the fleet: pick the assets, collect them concurrently over an executor,
 * and store each snapshot and re-match its findings as it arrives (on the caller's thread: the
 * collector's progress callback runs on I/O threads and must not block on the database).
 */
public final class InventoryRuns {
  private static final Logger log = LoggerFactory.getLogger(InventoryRuns.class);

  /** Defaults for runs that do not say: the executor type and its options (e.g. the ssh user). */
  public record Defaults(String executor, Map<String, String> options, Duration timeout, int maxInFlight) {
    public Defaults {
      options = Map.copyOf(options);
    }
  }

  /** A validated run: these assets, over this executor, with these options. */
  public record Plan(List<Asset> assets, String executor, Map<String, String> options, String selector) {}

  /** One asset's line of progress. */
  public record Line(int done, int total, String asset, boolean ok, String error, String ecosystem, String osName,
                     Integer packages, Integer problems, VulnerabilityService.Outcome findings) {}

  public record Summary(int assets, int collected, int failed, long packages, long opened, long reopened, long remediated,
                        long durationMs) {}

  private final VulnerabilityService service;
  private final Adapters adapters;
  private final ExecutorService blocking;
  private final Clock clock;
  private final Defaults defaults;

  public InventoryRuns(VulnerabilityService service, Adapters adapters, ExecutorService blocking, Clock clock, Defaults defaults) {
    this.service = service;
    this.adapters = adapters;
    this.blocking = blocking;
    this.clock = clock;
    this.defaults = defaults;
  }

  /** Checks the request and resolves the assets; errors name the field. */
  public Plan plan(String selector, String executor, Map<String, String> options) {
    Optional<TargetSelector> sel;
    try {
      sel = selector == null || selector.isBlank() ? Optional.empty() : Optional.of(TargetSelector.parse(selector));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("selector: " + e.getMessage());
    }
    String type = executor == null || executor.isBlank() ? defaults.executor() : executor;
    if (!adapters.executorTypes().contains(type))
      throw new IllegalArgumentException("executor: unknown executor type '" + type + "' (available: "
          + String.join(", ", adapters.executorTypes().stream().sorted().toList()) + ")");
    Map<String, String> merged = new LinkedHashMap<>(defaults.options());
    if (options != null) merged.putAll(options);
    List<Asset> assets = service.assets().values().stream().filter(a -> sel.map(s -> s.matches(a)).orElse(true))
        .sorted(Comparator.comparing(Asset::name)).toList();
    return new Plan(assets, type, merged, sel.map(TargetSelector::expression).orElse(""));
  }

  /** Runs {@code plan}, telling {@code progress} about each asset as it is stored; returns the totals. */
  public Summary run(Plan plan, String actor, Consumer<Line> progress) throws InterruptedException {
    long t0 = System.nanoTime();
    TargetExecutor executor = adapters.executor(plan.executor());
    InventoryCollector collector = new InventoryCollector(executor, blocking, clock, defaults.timeout(), defaults.maxInFlight());
    LinkedBlockingQueue<CollectionResult> finished = new LinkedBlockingQueue<>();
    CompletableFuture<List<CollectionResult>> all = collector.collectAll(plan.assets(), plan.options(),
        (done, total, result) -> finished.add(result));
    int total = plan.assets().size();
    int done = 0, ok = 0;
    long packages = 0, opened = 0, reopened = 0, remediated = 0;
    try {
      while (done < total) {
        CollectionResult r = finished.take();
        done++;
        Line line;
        if (r.ok()) {
          InventorySnapshot s = r.snapshot().orElseThrow();
          VulnerabilityService.Outcome o = service.record(s, actor).orElse(VulnerabilityService.Outcome.NONE);
          ok++;
          packages += s.packageCount();
          opened += o.opened();
          reopened += o.reopened();
          remediated += o.remediated();
          line = new Line(done, total, r.asset(), true, null, s.packageSets().isEmpty() ? "" : s.packageSets().get(0).ecosystem(),
              s.osName(), s.packageCount(), s.problems().size(), o);
        } else {
          line = new Line(done, total, r.asset(), false, r.failure().orElse(""), null, null, null, null, null);
          log.warn("inventory: {}", r.failure().orElse(r.asset()));
        }
        progress.accept(line);
      }
    } catch (InterruptedException | RuntimeException e) {
      all.cancel(true);
      throw e;
    }
    Summary summary = new Summary(total, ok, total - ok, packages, opened, reopened, remediated, (System.nanoTime() - t0) / 1_000_000);
    log.info("inventory collected by {} over {}{}: {}", actor, plan.executor(),
        plan.selector().isEmpty() ? "" : " for " + plan.selector(), summary);
    return summary;
  }

  /** The whole fleet with the defaults (the scheduled refresh). */
  public Summary refresh(String selector) throws InterruptedException {
    return run(plan(selector, null, null), "system:inventory-refresh", l -> { });
  }

}
