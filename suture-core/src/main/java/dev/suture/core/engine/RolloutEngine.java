package dev.suture.core.engine;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import dev.suture.core.plan.Plan;
import dev.suture.core.port.AuditLog;
import dev.suture.core.port.Fence;
import dev.suture.core.port.LeaseLostException;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.port.RolloutStore;
import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.StageState;
import dev.suture.core.rollout.TargetRun;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates rollouts and drives those this node holds a lease on. Ownership is the lease row
 * (liveness) plus its lock_version (correctness: every write is fenced by it). A sweeper picks up
 * rollouts whose lease expired; at start this node takes back its own leases at once, since any
 * lease under its name belongs to a previous, dead incarnation.
 */
public final class RolloutEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RolloutEngine.class);
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private record Active(Drive drive, Thread thread) {}

  private final RolloutStore store;
  private final AuditLog audit;
  private final Adapters adapters;
  private final Clock clock;
  private final EngineConfig config;
  private final Map<String, Active> active = new ConcurrentHashMap<>();
  private final ExecutorService checkPool;
  private final ScheduledExecutorService timers;
  private final SecureRandom random = new SecureRandom();
  private volatile boolean closed;

  public RolloutEngine(RolloutStore store, AuditLog audit, Adapters adapters, Clock clock, EngineConfig config) {
    this.store = store;
    this.audit = audit;
    this.adapters = adapters;
    this.clock = clock;
    this.config = config;
    this.checkPool = Executors.newFixedThreadPool(config.checkConcurrency(), BatchRunner.named("suture-check-"));
    this.timers = Executors.newScheduledThreadPool(1, BatchRunner.named("suture-engine-timer-"));
  }

  /** Resumes this node's rollouts and starts heartbeats and the sweeper. */
  public void start() {
    sweep();
    long hb = config.heartbeat().toMillis();
    timers.scheduleWithFixedDelay(this::heartbeat, hb, hb, TimeUnit.MILLISECONDS);
    long sw = config.sweep().toMillis();
    timers.scheduleWithFixedDelay(this::sweep, sw, sw, TimeUnit.MILLISECONDS);
  }

  public Rollout create(RolloutRequest request) { return create(request, true); }

  /**
   * Creates the rollout; with {@code drive} false it stays SCHEDULED until {@link #drive} (or the
   * sweeper) picks it up, so a caller can first make sure of what must hold before anything is
   * touched (its change request is still approved) without racing the first target.
   */
  public Rollout create(RolloutRequest request, boolean drive) {
    Plan plan = request.plan().as(Plan.class);
    Patch patch = request.patch().as(Patch.class);
    List<Asset> targets = request.fleet().stream().filter(plan.targets()::matches)
        // The canary should be the least critical instance (SOP: a single, non-critical canary).
        .sorted(Comparator.comparing(Asset::criticality).thenComparing(Asset::name)).toList();
    if (targets.isEmpty())
      throw new IllegalArgumentException("selector '" + plan.targets().expression() + "' of plan " + plan.name() + " matches no assets");
    var now = clock.instant();
    String id = "r-" + ID_TIME.format(now) + "-" + String.format("%04x", random.nextInt(0x10000));
    Rollout rollout = new Rollout(id, plan, request.plan().yaml(), patch, request.patch().yaml(), RolloutState.SCHEDULED, 0,
        StagePlan.initialStages(plan, targets.size()), Optional.empty(), null, now, now, 0);
    List<TargetRun> runs = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) runs.add(TargetRun.pending(id, i, targets.get(i), now));
    store.create(rollout, runs, AuditRecord.of(request.actor(), "rollout.created", "rollout/" + id, "plan", plan.name(),
        "patch", patch.id(), "version", patch.version(), "targets", targets.size()));
    log.info("rollout {} created: {} on {} targets with plan {}", id, patch.id(), targets.size(), plan.name());
    if (drive) tryDrive(id, runs);
    return store.find(id).orElseThrow();
  }

  /** Starts driving a rollout created with {@code drive} false (no-op when it is already driven). */
  public void drive(String id) { tryDrive(id); }

  /** Records an operator verb; the driving node (this one or another) acts on it. */
  public Rollout control(String id, ControlVerb verb, String actor) {
    Rollout r = store.find(id).orElseThrow(() -> new NotFoundException("rollout", id));
    RolloutState s = r.state();
    String refusal = switch (verb) {
      case PAUSE -> s == RolloutState.RUNNING || s == RolloutState.SCHEDULED ? null : "only a RUNNING rollout can be paused";
      case RESUME -> s == RolloutState.PAUSED ? null : "only a PAUSED rollout can be resumed";
      case ABORT, ROLLBACK -> s.isTerminal() || s == RolloutState.ROLLING_BACK ? "the rollout is already " + s : null;
      case PROMOTE -> (s == RolloutState.RUNNING || s == RolloutState.PAUSED) && r.currentStage().state() == StageState.WAITING
          ? null : "nothing to promote: the current stage is not waiting (bake, observation, notice or approval)";
    };
    if (refusal != null) throw new ConflictException("cannot " + verb.name().toLowerCase() + " rollout " + id + " (" + s + "): " + refusal);
    store.requestControl(id, verb, AuditRecord.of(actor, "control.requested", "rollout/" + id, "verb", verb.name().toLowerCase()));
    Active a = active.get(id);
    if (a != null) a.drive.controls.nudge();
    else if ((verb == ControlVerb.ABORT || verb == ControlVerb.ROLLBACK) && s == RolloutState.HALTED) tryDrive(id);
    return store.find(id).orElseThrow();
  }

  public boolean isDriving(String id) { return active.containsKey(id); }

  private void sweep() {
    if (closed) return;
    try {
      for (String id : store.claimable(config.owner(), clock.instant(), 20)) if (!active.containsKey(id)) tryDrive(id);
    } catch (RuntimeException e) {
      log.error("sweeper failed (store unavailable?); retrying in {}", config.sweep(), e);
    }
  }

  private void tryDrive(String id) { tryDrive(id, null); }

  /**
   * @param inserted the target rows this node has just inserted with the rollout (at lock version
   *     0), or null. If this claim is the first one ever (lock version 1), no fenced write can have
   *     touched them since the insert, so they are used as they are instead of reading all of them
   *     (100k in a large rollout) back. Any other claim reads the durable rows.
   */
  private synchronized void tryDrive(String id, List<TargetRun> inserted) {
    if (closed || active.containsKey(id)) return;
    var now = clock.instant();
    Optional<Fence> fence = store.claim(id, config.owner(), now, now.plus(config.lease()));
    if (fence.isEmpty()) {
      log.debug("expected race: rollout {} claimed by another node", id);
      return;
    }
    Rollout rollout = store.find(id).orElseThrow();
    List<TargetRun> targets = inserted != null && fence.get().lockVersion() == 1 ? inserted : store.targets(id);
    Controls controls = new Controls();
    Drive drive = new Drive(store, adapters, clock, config, fence.get(), rollout, targets, controls);
    controls.attach(drive);
    RolloutDriver driver = new RolloutDriver(drive, checkPool, audit, () -> active.remove(id));
    Thread t = new Thread(driver, "suture-rollout-" + id);
    active.put(id, new Active(drive, t));
    log.info("driving rollout {} ({}, stage {}) as {}", id, rollout.state(), rollout.stageIndex(), config.owner());
    t.start();
  }

  private void heartbeat() {
    for (var e : active.entrySet()) {
      try {
        store.renew(e.getValue().drive.fence, clock.instant().plus(config.lease()));
      } catch (LeaseLostException ex) {
        log.warn("expected race: {}; stopping the local driver", ex.getMessage());
        e.getValue().thread.interrupt();
      } catch (RuntimeException ex) {
        log.error("heartbeat for {} failed (store unavailable?)", e.getKey(), ex);
      }
    }
  }

  /** Stops driving; leases stay so that this node (or, after expiry, another) resumes later. */
  @Override public void close() throws InterruptedException {
    closed = true;
    timers.shutdownNow();
    for (Active a : active.values()) a.thread.interrupt();
    for (Active a : active.values()) a.thread.join(10_000);
    checkPool.shutdownNow();
  }

  /** Waits until no rollout is driven by this node (tests, demo, benchmark). */
  public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (!active.isEmpty()) {
      if (System.currentTimeMillis() > end) return false;
      Thread.sleep(20);
    }
    return true;
  }
}
