package dev.suture.core.engine;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.doc.Durations;
import dev.suture.core.plan.StageSpec;
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
 *
 * <p>Notice rule (docs/plan-reference.md, notify): when the next stage is a notify stage with
 * {@code before: D} that has not started, the wait ends at {@code opening - D} instead of at the
 * opening, so the team is told D before the window opens (not at the opening, losing D of it);
 * the notify stage then waits until the opening itself ({@link #plannedStart}).
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
   * WAITING_FOR_WINDOW until it opens (then RUNNING), or until {@code opening - D} when the next
   * stage is a notify stage with {@code before: D} (the notice rule above). A halt when the window does not exist or
   * never opens again, or when an operator aborts the wait.
   */
  Outcome await() throws InterruptedException {
    while (true) {
      Optional<String> missing = refresh();
      if (missing.isPresent()) return Outcome.halt(missing.get());
      Instant now = drive.now();
      MaintenanceWindow w = window.orElse(null);
      if (w == null) return Outcome.proceed("no maintenance window");
      Duration lead = noticeLead();
      // Open, and (for a notice) open long enough that the notice period ends before the latest start.
      if (w.allowsStartAt(now) && (lead.isZero() || plannedStart(now, lead).isPresent())) {
        if (drive.rollout().state() == RolloutState.WAITING_FOR_WINDOW) opened(w, now);
        return Outcome.proceed("maintenance window " + w.name() + " is open");
      }
      Optional<Opening> next = w.nextOpening(now);
      if (next.isEmpty())
        return Outcome.halt("maintenance window " + w.name() + " never opens again (schedule '" + w.schedule().cron() + "')");
      Instant wake = next.get().start().minus(lead);
      if (!now.isBefore(wake)) {
        // Only reached with a lead: without one, wake is the opening and the window allows starts there.
        if (drive.rollout().state() == RolloutState.WAITING_FOR_WINDOW) noticeDue(w, next.get(), lead);
        return Outcome.proceed("notice period before maintenance window " + w.name() + " opens at " + next.get().start());
      }
      if (drive.rollout().state() != RolloutState.WAITING_FOR_WINDOW)
        drive.transition(RolloutState.WAITING_FOR_WINDOW, drive.audit("rollout.waiting_for_window", "window", w.name(),
            "nextOpening", next.get().start().toString(), "closesAt", next.get().end().toString()));
      Instant recheck = now.plus(RECHECK);
      // Promote has no meaning here: a window is policy, not a wait an operator may cut short.
      drive.controls.clearPromote();
      boolean slept = drive.controls.sleepUntil(wake.isBefore(recheck) ? wake : recheck);
      if (!slept && drive.controls.abortRequested())
        return Outcome.halt(drive.controls.operatorReason() + " while waiting for maintenance window " + w.name());
    }
  }

  /**
   * When the work announced by a notice given at {@code at} (notice period {@code before}) starts;
   * empty when it cannot start in time. No window: {@code at + before}. Window closed at {@code at}
   * (the wait above ended at {@code opening - before}, or later): the next opening, so a late
   * notice still means a start at the opening. Window open: {@code at + before}, but only if that
   * is before the opening's latest start (end - cutoff); otherwise empty, and the stage goes back
   * to waiting for the next window like a wave at the cutoff.
   */
  Optional<Instant> plannedStart(Instant at, Duration before) {
    MaintenanceWindow w = window.orElse(null);
    Instant byClock = at.plus(before);
    if (w == null) return Optional.of(byClock);
    if (w.allowsStartAt(at)) return w.latestStart(at).filter(byClock::isBefore).map(latest -> byClock);
    return w.nextOpening(at).map(Opening::start);
  }

  /** The notice period of the next stage if it is a notify stage not yet started; zero otherwise. */
  private Duration noticeLead() {
    var r = drive.rollout();
    int i = r.stageIndex();
    if (i >= r.plan().stages().size() || r.stages().get(i).state() != StageState.PENDING) return Duration.ZERO;
    return r.plan().stages().get(i) instanceof StageSpec.Notify n ? n.before() : Duration.ZERO;
  }

  private void noticeDue(MaintenanceWindow w, Opening next, Duration lead) {
    running(drive.audit("rollout.notice_period_started", "window", w.name(), "opensAt", next.start().toString(),
        "before", Durations.format(lead)));
  }

  private void opened(MaintenanceWindow w, Instant now) {
    running(drive.audit("rollout.window_opened", "window", w.name(), "latestStart", w.latestStart(now).orElseThrow().toString()));
  }

  private void running(AuditRecord why) {
    List<AuditRecord> audit = new ArrayList<>();
    audit.add(why);
    var first = drive.rollout().stages().get(0);
    if (drive.rollout().stageIndex() == 0 && first.state() == StageState.PENDING)
      audit.add(drive.audit("rollout.started", "targets", drive.targets().size()));
    drive.transition(RolloutState.RUNNING, audit.toArray(AuditRecord[]::new));
  }
}
