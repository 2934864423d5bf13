package dev.suture.core.engine;

import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's side of a driven rollout. Verbs are stored durably by whoever received them
 * (any node); the driving node polls for them here, at most every {@code POLL} of real time or at
 * once when nudged locally. Pause and resume are handled here by blocking the caller; abort and
 * promote are remembered for the stage loops to act on.
 */
final class Controls {
  private static final Logger log = LoggerFactory.getLogger(Controls.class);
  private static final Duration POLL = Duration.ofMillis(250);

  private final Object monitor = new Object();
  private Drive drive;
  private volatile boolean nudged = true;
  private volatile boolean abort;
  private volatile boolean fast;
  private volatile boolean gateHold;
  private volatile boolean promote;
  private long lastPollNanos;

  void attach(Drive d) { this.drive = d; }

  void nudge() {
    synchronized (monitor) {
      nudged = true;
      monitor.notifyAll();
    }
  }

  boolean abortRequested() { return abort; }

  /** The operator asked for a fast rollback: stop waiting for anything, cancel what runs, restore. */
  boolean fastRollback() { return fast; }

  /** Why the operator stopped the rollout, for the halt reason and the audit trail. */
  String operatorReason() { return fast ? "fast rollback requested by operator" : "aborted by operator"; }

  /** Consumes a pending promote. */
  boolean takePromote() {
    boolean p = promote;
    promote = false;
    return p;
  }

  void clearPromote() { promote = false; }

  /**
   * Blocks while the rollout is PAUSED by an inconclusive gate: returns once an operator resumes or
   * promotes it, or asks to abort (or roll back).
   */
  void holdForGate() throws InterruptedException {
    gateHold = true;
    try {
      poll();
    } finally {
      gateHold = false;
    }
  }

  /**
   * Applies pending verbs. Returns only while the rollout may proceed (blocks while paused) or
   * when abort was requested.
   */
  void poll() throws InterruptedException {
    pollOnce();
    while (drive.rollout().state() == RolloutState.PAUSED && !abort) {
      waitSlice(drive.config.tick());
      pollOnce();
    }
  }

  private void pollOnce() {
    long now = System.nanoTime();
    if (!nudged && now - lastPollNanos < POLL.toNanos()) return;
    nudged = false;
    lastPollNanos = now;
    Optional<ControlVerb> verb = drive.store.control(drive.fence.rolloutId());
    if (verb.isEmpty()) return;
    apply(verb.get());
    drive.store.clearControl(drive.fence, verb.get());
  }

  private void apply(ControlVerb verb) {
    RolloutState state = drive.rollout().state();
    switch (verb) {
      case PAUSE -> {
        if (state == RolloutState.RUNNING) drive.transition(RolloutState.PAUSED, drive.audit("rollout.paused"));
      }
      case RESUME -> {
        if (state == RolloutState.PAUSED) drive.transition(RolloutState.RUNNING, drive.audit("rollout.resumed"));
      }
      case ABORT -> {
        abort = true;
        log.info("abort requested for rollout {}: no new targets start; in-flight ones finish", drive.fence.rolloutId());
      }
      case ROLLBACK -> {
        fast = true;
        abort = true;
        log.info("fast rollback requested for rollout {}: in-flight actions are cancelled, every touched target restored",
            drive.fence.rolloutId());
      }
      case PROMOTE -> {
        // Promoting a rollout paused by an inconclusive gate is the operator's "go on": it resumes.
        // An operator's own pause is only ended by resume (promote then waits for it, as before).
        if (state == RolloutState.PAUSED && gateHold) drive.transition(RolloutState.RUNNING, drive.audit("rollout.resumed", "by", "promote"));
        else promote = true;
      }
    }
  }

  /**
   * Sleeps until {@code deadline} on the engine clock (a manual clock in tests), waking early for
   * abort or promote. Returns true when the deadline passed, false when woken by a verb.
   */
  boolean sleepUntil(Instant deadline) throws InterruptedException {
    while (true) {
      poll();
      if (abort || promote) return false;
      Instant now = drive.clock.instant();
      if (!now.isBefore(deadline)) return true;
      Duration left = Duration.between(now, deadline);
      waitSlice(left.compareTo(drive.config.tick()) < 0 ? left : drive.config.tick());
    }
  }

  private void waitSlice(Duration d) throws InterruptedException {
    synchronized (monitor) {
      if (!nudged) monitor.wait(Math.max(1, d.toMillis()));
    }
  }
}
