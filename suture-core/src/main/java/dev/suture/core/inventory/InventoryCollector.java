package dev.suture.core.inventory;

import dev.suture.core.model.Asset;
import dev.suture.core.port.ActionKey;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.TargetExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agentless inventory collection through a {@link TargetExecutor} (ssh, command, ...): for each
 * asset, reads {@code /etc/os-release}, picks the package manager it names, lists the installed
 * packages and parses them into an {@link InventorySnapshot}.
 *
 * <p>Two commands per asset, both fixed strings run as {@code ["sh", "-c", SCRIPT]}:
 * {@link OsRelease#COMMAND}, then {@link PackageListing#script} around the package manager's
 * {@code COMMAND}. Nothing from the asset, its labels or the options reaches a shell; the options
 * go to the executor only (user, port, credentials for ssh). Neither command needs privileges: the
 * package databases are world-readable.
 *
 * <p>Every command has a timeout (default {@value #DEFAULT_TIMEOUT_SECONDS} s) that the executor
 * enforces through {@link ActionRequest#timeout()}: it kills what it started. A per-host failure
 * (unreachable, unknown OS, no OSV ecosystem, non-zero exit, timeout, unreadable output) is a
 * {@link CollectionResult} that names the asset and the reason, never an exception. Only
 * cancellation ends a future exceptionally.
 */
public final class InventoryCollector {
  static final long DEFAULT_TIMEOUT_SECONDS = 60;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
  /** Matches the ssh executor's handshake limit: more in flight would only queue there. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 16;
  /**
   * The "rollout" of every inventory action key. There is no inventory {@link ActionKind}; these are
   * read-only probes of what is installed, so {@link ActionKind#PROBE_VERSION} is the honest kind.
   */
  public static final String ACTION_SCOPE = "inventory";

  private static final Logger log = LoggerFactory.getLogger(InventoryCollector.class);

  private final TargetExecutor executor;
  private final ExecutorService blocking;
  private final Clock clock;
  private final Duration timeout;
  private final int maxInFlight;

  /**
   * @param blocking threads for executors whose {@code start} runs a blocking {@code run} (local
   *     processes); asynchronous executors (ssh) never use it. Owned by the caller.
   */
  public InventoryCollector(TargetExecutor executor, ExecutorService blocking, Clock clock) {
    this(executor, blocking, clock, DEFAULT_TIMEOUT, DEFAULT_MAX_IN_FLIGHT);
  }

  public InventoryCollector(TargetExecutor executor, ExecutorService blocking, Clock clock, Duration commandTimeout,
                            int maxInFlight) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.blocking = Objects.requireNonNull(blocking, "blocking");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("commandTimeout must be positive, was " + commandTimeout);
    }
    if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    this.timeout = commandTimeout;
    this.maxInFlight = maxInFlight;
  }

  /**
   * Collects one asset. The future completes with a snapshot or a failure; cancelling it cancels
   * the command in flight (the executor kills it) and starts no further command.
   *
   * @param options the executor's options, as a plan's {@code executor.options}
   */
  public CompletableFuture<CollectionResult> collect(Asset asset, Map<String, String> options) {
    Objects.requireNonNull(asset, "asset");
    Map<String, String> opts = Map.copyOf(options == null ? Map.of() : options);
    AssetRun run = new AssetRun(asset, opts);
    run.start();
    return run.result;
  }

  /**
   * Collects many assets, at most {@code maxInFlight} at a time, and returns every result in the
   * order of {@code assets}. No thread is held per asset: the next asset starts from the completion
   * of an earlier one. Cancelling the returned future cancels every collection in flight and starts
   * no more.
   *
   * @throws IllegalArgumentException when two assets share a name (their results could not be told apart)
   */
  public CompletableFuture<List<CollectionResult>> collectAll(List<Asset> assets, Map<String, String> options,
                                                              CollectionProgress progress) {
    Objects.requireNonNull(assets, "assets");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < assets.size(); i++) {
      Asset a = Objects.requireNonNull(assets.get(i), "assets[" + i + "]");
      if (!names.add(a.name())) throw new IllegalArgumentException("assets[" + i + "]: asset " + a.name() + " is listed twice");
    }
    Batch batch = new Batch(List.copyOf(assets), options == null ? Map.of() : Map.copyOf(options),
        progress == null ? CollectionProgress.NONE : progress);
    batch.drain();
    return batch.result;
  }

  /** {@link #collectAll}, waiting; an interrupt cancels the collections in flight. */
  public List<CollectionResult> collectAllAndWait(List<Asset> assets, Map<String, String> options,
                                                  CollectionProgress progress) throws InterruptedException {
    CompletableFuture<List<CollectionResult>> f = collectAll(assets, options, progress);
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException("inventory collection failed unexpectedly", e.getCause());
    }
  }

  /** One asset: os-release, then the package listing, each a step that starts only if not cancelled. */
  private final class AssetRun {
    final Asset asset;
    final Map<String, String> options;
    final CompletableFuture<CollectionResult> result = new CompletableFuture<>();
    volatile CompletableFuture<ActionResult> current;

    AssetRun(Asset asset, Map<String, String> options) {
      this.asset = asset;
      this.options = options;
      result.whenComplete((r, e) -> {
        CompletableFuture<ActionResult> c = current;
        if (e instanceof CancellationException && c != null) c.cancel(true);
      });
    }

    void start() {
      step("reading os-release", OsRelease.COMMAND, this::osRelease);
    }

    private void step(String what, String script, Consumer<ActionResult> next) {
      if (result.isDone()) return;
      ActionRequest request = new ActionRequest(new ActionKey(ACTION_SCOPE, asset.name(), ActionKind.PROBE_VERSION, 1),
          asset, List.of("sh", "-c", script), timeout, options);
      CompletableFuture<ActionResult> f;
      try {
        f = executor.start(request, ref -> {}, blocking);
      } catch (RuntimeException e) {
        fail(what + ": the " + executor.type() + " executor refused: " + message(e));
        return;
      }
      current = f;
      // Cancelled between the isDone() check and publishing f: the listener above saw no command.
      if (result.isCancelled()) f.cancel(true);
      f.whenComplete((r, e) -> {
        if (result.isDone()) return;
        if (e != null) {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          fail(what + ": " + (cause instanceof CancellationException ? "cancelled" : message(cause)));
        } else if (!r.ok()) {
          fail(what + ": " + r.describe());
        } else {
          try {
            next.accept(r);
          } catch (RuntimeException ex) {
            fail(what + ": " + message(ex));
          }
        }
      });
    }

    private void osRelease(ActionResult r) {
      OsRelease os = OsRelease.parse(r.output());
      Optional<PackageManager> manager = PackageManager.of(os);
      if (manager.isEmpty()) {
        fail("unknown OS: os-release ID '" + os.id() + "'" + (os.idLike().isEmpty() ? "" : " (ID_LIKE '"
            + String.join(" ", os.idLike()) + "')") + " names no package manager Suture reads (dpkg, rpm, apk)");
        return;
      }
      Optional<String> ecosystem = os.osvEcosystem();
      if (ecosystem.isEmpty()) {
        // Listing the packages would be wasted: without an ecosystem no advisory can be matched to them.
        fail("no OSV ecosystem for " + os.prettyName() + " (ID '" + os.id() + "', VERSION_ID '" + os.versionId()
            + "'): Suture maps Debian, Ubuntu, Alpine, Rocky, AlmaLinux and RHEL releases only");
        return;
      }
      PackageManager pm = manager.get();
      step("listing " + pm.label() + " packages", PackageListing.script(pm.command()),
          listing -> packages(os, pm, ecosystem.get(), listing));
    }

    private void packages(OsRelease os, PackageManager pm, String ecosystem, ActionResult r) {
      String what = "listing " + pm.label() + " packages";
      PackageListing.Listing listing;
      try {
        listing = PackageListing.decode(r.output());
      } catch (PackageListing.UnreadableListingException e) {
        fail(what + ": " + e.getMessage());
        return;
      }
      if (listing.exitStatus() != 0) {
        fail(what + ": exit " + listing.exitStatus() + ": " + PackageListing.excerpt(listing.text()));
        return;
      }
      Parsed<InstalledPackage> parsed = pm.parse(listing.text());
      if (parsed.rows().isEmpty()) {
        // An empty inventory would replace the last good one and hide every finding on the host.
        fail(what + ": no package could be read" + (parsed.problems().isEmpty()
            ? " (the package manager listed none)"
            : " (" + parsed.problems().size() + " problem lines; first: " + parsed.problems().get(0) + ")"));
        return;
      }
      List<LineProblem> problems = new ArrayList<>();
      // os-release problems keep their own line numbers; the reason says which text they are in.
      for (LineProblem p : os.problems()) problems.add(new LineProblem(p.line(), p.text(), "os-release: " + p.reason()));
      problems.addAll(parsed.problems());
      InventorySnapshot snapshot = new InventorySnapshot(asset.name(), clock.instant(), executor.type() + ":" + pm.label(),
          os.prettyName(), List.of(new PackageSet(ecosystem, parsed.rows())), problems);
      result.complete(CollectionResult.collected(snapshot));
    }

    private void fail(String reason) {
      result.complete(CollectionResult.failed(asset.name(), clock.instant(), reason));
    }
  }

  /**
   * Many assets with a bound on those in flight. {@link #drain} starts assets until the bound is
   * reached; every completion calls it again. It is a work-in-progress loop rather than a recursive
   * call because a collection can complete synchronously (an executor refusing an asset at once):
   * ten thousand such assets must not nest ten thousand stack frames.
   */
  private final class Batch {
    final List<Asset> assets;
    final Map<String, String> options;
    final CollectionProgress progress;
    final CompletableFuture<List<CollectionResult>> result = new CompletableFuture<>();
    final AtomicReferenceArray<CollectionResult> results;
    final Set<CompletableFuture<CollectionResult>> inFlight = ConcurrentHashMap.newKeySet();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger wip = new AtomicInteger();
    final Object progressLock = new Object();
    /** Next asset to start; only touched inside the drain loop, which one thread runs at a time. */
    int next;
    int done;

    Batch(List<Asset> assets, Map<String, String> options, CollectionProgress progress) {
      this.assets = assets;
      this.options = options;
      this.progress = progress;
      this.results = new AtomicReferenceArray<>(assets.size());
      if (assets.isEmpty()) result.complete(List.of());
      result.whenComplete((r, e) -> {
        if (e instanceof CancellationException) {
          for (CompletableFuture<CollectionResult> f : List.copyOf(inFlight)) f.cancel(true);
        }
      });
    }

    void drain() {
      if (wip.getAndIncrement() != 0) return;
      int missed = 1;
      while (true) {
        while (!result.isDone() && next < assets.size() && running.get() < maxInFlight) {
          int i = next++;
          running.incrementAndGet();
          launch(i);
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) return;
      }
    }

    private void launch(int i) {
      Asset asset = assets.get(i);
      CompletableFuture<CollectionResult> f = collect(asset, options);
      inFlight.add(f);
      if (result.isCancelled()) f.cancel(true);
      f.whenComplete((r, e) -> {
        inFlight.remove(f);
        if (!result.isDone()) {
          finished(i, r != null ? r : CollectionResult.failed(asset.name(), clock.instant(),
              e instanceof CancellationException ? "cancelled" : message(e)));
        }
        running.decrementAndGet();
        drain();
      });
    }

    private void finished(int i, CollectionResult r) {
      results.set(i, r);
      boolean last;
      synchronized (progressLock) {
        done++;
        last = done == assets.size();
        try {
          progress.onResult(done, assets.size(), r);
        } catch (RuntimeException e) {
          // A broken progress display must not lose the fleet's inventory.
          log.warn("inventory progress listener failed on {}: {}", r.asset(), e.toString());
        }
      }
      if (last) {
        List<CollectionResult> all = new ArrayList<>(assets.size());
        for (int k = 0; k < assets.size(); k++) all.add(results.get(k));
        result.complete(List.copyOf(all));
      }
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
