package dev.suture.bench;

import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.Adapters;
import dev.suture.core.engine.EngineConfig;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.engine.RolloutRequest;
import dev.suture.core.model.Asset;
import dev.suture.core.plan.Quantity;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import dev.suture.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One measured rollout: a fresh database, N assets, the plan, then create → terminal with the
 * engine driving a {@link SimulatedExecutor}; afterwards the outcome is checked target by target.
 */
final class BenchRun {
  private static final int MAX_PROBLEMS_SHOWN = 5;

  record Result(String db, int targets, long insertMillis, long createMillis, long wallMillis, long rows, long batches,
                long largestBatch, long saveMillis, long storeCreateMillis, long readTargetsMillis, long peakHeapBytes,
                CpuMeter.Usage cpu, double loadAverage, RolloutState state, Map<TargetState, Integer> counts, List<String> problems,
                String note) {
    boolean finished() { return wallMillis >= 0; }

    double transitionsPerSecond() { return finished() ? rows * 1000.0 / wallMillis : Double.NaN; }
  }

  private final BenchOptions options;
  private final String dbKind;
  private final int n;

  BenchRun(BenchOptions options, String dbKind, int n) {
    this.options = options;
    this.dbKind = dbKind;
    this.n = n;
  }

  Result run() throws InterruptedException {
    try (BenchDatabase db = BenchDatabase.create(dbKind, options)) {
      System.out.println("# " + dbKind + " " + n + ": " + db.describe());
      DocumentParser parser = new DocumentParser(Set.of(SimulatedExecutor.TYPE));
      Clock clock = Clock.systemUTC();
      try (Store store = Store.open(db.url, db.user, db.password, options.poolSize(), clock, parser)) {
        return measure(store, parser, clock);
      }
    }
  }

  private Result measure(Store store, DocumentParser parser, Clock clock) throws InterruptedException {
    long t = System.nanoTime();
    List<Asset> fleet = BenchFleet.insertAssets(store, parser, n);
    int canary = Math.min(n, Quantity.parse(options.canary()).of(n));
    int half = (int) Math.ceil(n * 0.5);
    int wave1Errors = budget(Math.max(0, half - canary));
    int wave2Errors = budget(n - Math.max(half, canary));
    BenchFleet.insertPatchAndPlan(store, parser, options, wave1Errors, wave2Errors);
    long insertMillis = millisSince(t);

    var executor = new SimulatedExecutor(options.latencyMillis(), options.jitterMillis(), options.failureRate(), options.seed(),
        BenchFleet.FROM_VERSION);
    var counting = new CountingRolloutStore(store.rollouts());
    var request = new RolloutRequest(BenchFleet.plan(store), BenchFleet.patch(store), fleet, "bench");
    fleet = null; // the request holds the only copy now: let the peak reflect what the engine needs
    HeapMeter.reset();
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread th = new Thread(r, "bench-progress");
      th.setDaemon(true);
      return th;
    });
    CpuMeter.Sample cpuStart = CpuMeter.sample();
    long start = System.nanoTime();
    progress.scheduleAtFixedRate(() -> System.err.printf("  [%s %d] %5.1f s: %d/%d targets settled, %d transitions%n", dbKind, n,
        (System.nanoTime() - start) / 1e9, counting.settled(), n, counting.rows()), 5, 5, TimeUnit.SECONDS);
    String id;
    long createMillis;
    boolean done;
    try (RolloutEngine engine = new RolloutEngine(counting, store.audit(),
        new Adapters(List.of(executor), List.of(), Optional.empty()), clock, EngineConfig.defaults("bench-node"))) {
      engine.start();
      id = engine.create(request).id();
      createMillis = millisSince(start);
      done = awaitEnd(engine, counting, id, start + TimeUnit.SECONDS.toNanos(options.timeoutSeconds()));
    } finally {
      progress.shutdownNow();
    }
    CpuMeter.Usage cpu = CpuMeter.between(cpuStart, CpuMeter.sample());
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long wall = done ? TimeUnit.NANOSECONDS.toMillis(counting.terminalAtNanos() - start) : -1;
    long peak = HeapMeter.peakBytes();
    Rollout r = store.rollouts().find(id).orElseThrow();
    List<TargetRun> targets = store.rollouts().targets(id);
    Map<TargetState, Integer> counts = new EnumMap<>(TargetState.class);
    targets.forEach(x -> counts.merge(x.state(), 1, Integer::sum));
    List<String> problems = done ? verify(r, targets, executor, store, wave1Errors + wave2Errors) : List.of();
    String note = done ? (r.haltReason() == null ? "" : "halted: " + r.haltReason())
        : "not finished after " + options.timeoutSeconds() + " s (" + counting.settled() + "/" + n + " settled)";
    return new Result(dbKind, n, insertMillis, createMillis, wall, counting.rows(), counting.batches(), counting.largestBatch(),
        counting.saveMillis(), counting.createMillis(), counting.readTargetsMillis(), peak, cpu, load, r.state(), counts, problems, note);
  }

  /** maxErrors for a wave: 0 without failures, else the expected count plus 4 standard deviations (and some slack). */
  private int budget(int members) {
    if (options.failureRate() == 0 || members == 0) return 0;
    double expected = members * options.failureRate();
    return (int) Math.ceil(expected + 4 * Math.sqrt(expected) + 2);
  }

  private static boolean awaitEnd(RolloutEngine engine, CountingRolloutStore store, String id, long deadline) throws InterruptedException {
    while (System.nanoTime() < deadline) {
      if (store.terminalAtNanos() != 0 && !engine.isDriving(id)) return true;
      Thread.sleep(10);
    }
    return false;
  }

  /** Every target settled as the outcome says, each applied at most (and, when patched, exactly) once. */
  private static List<String> verify(Rollout r, List<TargetRun> targets, SimulatedExecutor fleet, Store store, int budget) {
    List<String> problems = new ArrayList<>();
    int failed = 0;
    for (TargetRun t : targets) {
      int applies = fleet.applies(t.name());
      if (applies > 1) problems.add(t.name() + " applied " + applies + " times");
      switch (t.state()) {
        case HEALTHY -> {
          if (applies != 1) problems.add(t.name() + " HEALTHY after " + applies + " applies");
          if (!BenchFleet.TO_VERSION.equals(t.version()) || !BenchFleet.TO_VERSION.equals(fleet.version(t.name())))
            problems.add(t.name() + " HEALTHY but at " + t.version() + " (fleet says " + fleet.version(t.name()) + ")");
        }
        case FAILED -> failed++;
        case PENDING -> {
          if (r.state() == RolloutState.SUCCEEDED) problems.add(t.name() + " still PENDING in a SUCCEEDED rollout");
          if (applies != 0) problems.add(t.name() + " PENDING but applied " + applies + " times");
        }
        case ROLLED_BACK -> {
          if (!BenchFleet.FROM_VERSION.equals(fleet.version(t.name())))
            problems.add(t.name() + " ROLLED_BACK but the fleet says " + fleet.version(t.name()));
        }
        default -> {
          if (r.state() == RolloutState.SUCCEEDED) problems.add(t.name() + " is " + t.state() + " in a SUCCEEDED rollout");
        }
      }
    }
    if (r.state() == RolloutState.SUCCEEDED && failed > budget) problems.add(failed + " failed targets exceed the budget " + budget);
    if (r.state() != RolloutState.SUCCEEDED && r.haltReason() == null) problems.add("ended " + r.state() + " without a halt reason");
    var audit = store.audit().verify();
    if (!audit.intact()) problems.add("audit chain broken at " + audit.firstBadSequence() + ": " + audit.reason());
    if (problems.size() > MAX_PROBLEMS_SHOWN) {
      int more = problems.size() - MAX_PROBLEMS_SHOWN;
      problems = new ArrayList<>(problems.subList(0, MAX_PROBLEMS_SHOWN));
      problems.add("... and " + more + " more");
    }
    return problems;
  }

  private static long millisSince(long startNanos) { return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos); }
}
