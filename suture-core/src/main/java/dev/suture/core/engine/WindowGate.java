package dev.suture.core.engine;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.StageState;
import dev.suture.core.window.MaintenanceWindow;
import dev.suture.core.window.Opening;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a rollout inside its plan's maintenance window: targets start only while the window
 * allows it (open, before end minus cutoff), and otherwise the rollout waits in
 * WAITING_FOR_WINDOW for the next opening. The window is read live from the calendar port at every
 * wait and batch start, so an edited window applies to rollouts already waiting for it.
 */
final class WindowGate {
  /** While waiting, re-read the window this often (engine clock) in case it was edited. */
  private static final Duration RECHECK = Duration.ofMinutes(1);

  private final Drive drive;
  private volatile Optional<MaintenanceWindow> window = Optional.empty();
  /** Starts are allowed before this instant (the current opening's latest start); null: ask the window. */
  private volatile Instant allowedUntil;

  WindowGate(Drive drive) { this.drive = drive; }

  /** Re-reads the plan's window; a halt reason if the plan names one that does not exist. */
  Optional<String> refresh() {
    allowedUntil = null;
    Optional<String> name = drive.rollout().plan().window();
    if (name.isEmpty()) {
      window = Optional.empty();
      return Optional.empty();
    }
    Optional<MaintenanceWindow> w = drive.adapters.calendar().window(name.get());
    if (w.isEmpty())
      return Optional.of("maintenance window '" + name.get() + "' named by plan " + drive.rollout().plan().name() + " does not exist");
    window = w;
    return Optional.empty();
  }

  /** Whether a target may start now, by the window as last read (no window: always). */
  boolean allowsStart() {
    Optional<MaintenanceWindow> w = window;
    if (w.isEmpty()) return true;
    Instant now = drive.now();
    Instant until = allowedUntil;
    // Asked before every target start: the opening is computed once, not per target.
    if (until != null && now.isBefore(until)) return true;
    Optional<Instant> latest = w.get().latestStart(now).filter(now::isBefore);
    allowedUntil = latest.orElse(null);
    return latest.isPresent();
  }

  /**
   * Returns once targets may start: at once when the window allows it, otherwise after waiting in
   * WAITING_FOR_WINDOW until it opens (then RUNNING). A halt when the window does not exist or
   * never opens again, or when an operator aborts the wait.
   */
  Outcome await() throws InterruptedException {
    while (true) {
      Optional<String> missing = refresh();
      if (missing.isPresent()) return Outcome.halt(missing.get());
      Instant now = drive.now();
      MaintenanceWindow w = window.orElse(null);
      if (w == null || w.allowsStartAt(now)) {
        if (drive.rollout().state() == RolloutState.WAITING_FOR_WINDOW) opened(w, now);
        return Outcome.proceed(w == null ? "no maintenance window" : "maintenance window " + w.name() + " is open");
      }
      Optional<Opening> next = w.nextOpening(now);
      if (next.isEmpty())
        return Outcome.halt("maintenance window " + w.name() + " never opens again (schedule '" + w.schedule().cron() + "')");
      if (drive.rollout().state() != RolloutState.WAITING_FOR_WINDOW)
        drive.transition(RolloutState.WAITING_FOR_WINDOW, drive.audit("rollout.waiting_for_window", "window", w.name(),
            "nextOpening", next.get().start().toString(), "closesAt", next.get().end().toString()));
      Instant recheck = now.plus(RECHECK);
      // Promote has no meaning here: a window is policy, not a wait an operator may cut short.
      drive.controls.clearPromote();
      boolean slept = drive.controls.sleepUntil(next.get().start().isBefore(recheck) ? next.get().start() : recheck);
      if (!slept && drive.controls.abortRequested())
        return Outcome.halt("aborted by operator while waiting for maintenance window " + w.name());
    }
  }

  private void opened(MaintenanceWindow w, Instant now) {
    List<AuditRecord> audit = new ArrayList<>();
    audit.add(drive.audit("rollout.window_opened", "window", w.name(), "latestStart", w.latestStart(now).orElseThrow().toString()));
    var first = drive.rollout().stages().get(0);
    if (drive.rollout().stageIndex() == 0 && first.state() == StageState.PENDING)
      audit.add(drive.audit("rollout.started", "targets", drive.targets().size()));
    drive.transition(RolloutState.RUNNING, audit.toArray(AuditRecord[]::new));
  }
}
