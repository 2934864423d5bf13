package dev.suture.core.engine;

import dev.suture.core.doc.Durations;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.plan.Plan;
import dev.suture.core.plan.StageSpec;
import dev.suture.core.rollout.StageRun;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one stage of a rollout to an {@link Outcome}. Every stage may be re-run after a crash. */
final class StageExecutor {
  private static final Logger log = LoggerFactory.getLogger(StageExecutor.class);
  private static final String NOTICE_QUEUED = "notice queued";
  private static final String NOTICE_PERIOD = "notice period:";

  private final Drive drive;
  private final Actions actions;
  private final CheckSuite checks;
  private final Gate gate;
  private final Observation observation;

  StageExecutor(Drive drive, ExecutorService checkPool) {
    this.drive = drive;
    this.actions = new Actions(drive);
    this.checks = new CheckSuite(drive, actions, checkPool);
    this.gate = new Gate(drive, checks);
    this.observation = new Observation(drive, gate);
  }

  Actions actions() { return actions; }

  CheckSuite checks() { return checks; }

  Outcome run(int index) throws InterruptedException {
    Plan plan = drive.rollout().plan();
    StageSpec spec = plan.stages().get(index);
    StageRun stage = drive.rollout().stages().get(index);
    // Java 17: no pattern matching for switch yet, so an instanceof chain over the sealed type.
    if (spec instanceof StageSpec.Notify n) return notify(stage, n);
    if (spec instanceof StageSpec.Precheck p) return precheck(p);
    if (spec instanceof StageSpec.Snapshot) return Outcome.proceed("snapshots armed: each target is snapshotted just before it is patched");
    if (spec instanceof StageSpec.Canary c) return batch(stage, c, "canary");
    if (spec instanceof StageSpec.Wave w) return batch(stage, w, "wave " + StagePlan.batchNumber(plan, index));
    if (spec instanceof StageSpec.Bake b)
      return observation.observe(stage, b.duration(), b.interval(), plan.checksFor(b.checks()), this::healthy, "bake");
    if (spec instanceof StageSpec.Verify v) return verify(stage, v);
    return approval(stage, (StageSpec.Approval) spec);
  }

  /**
   * Queues the notice by auditing it (notify.notice): the notification relay turns that audit
   * event into outbox rows, so the notice is sent even if this node dies right after, and a slow
   * or dead receiver never holds the rollout up. Then waits out the notice period, which ends at
   * the planned start: with a window, the opening the notice announces (see
   * {@link WindowGate#plannedStart}), so a notice given before the window waits only until it opens.
   */
  private Outcome notify(StageRun stage, StageSpec.Notify n) throws InterruptedException {
    var r = drive.rollout();
    Optional<String> noWindow = drive.window.refresh();
    if (noWindow.isPresent()) return Outcome.halt(noWindow.get());
    // From when the stage started (durable), so a re-run after a crash waits for the same instant.
    Instant at = stage.startedAt() != null ? stage.startedAt() : drive.now();
    Optional<Instant> planned = n.before().isZero() ? Optional.of(at) : drive.window.plannedStart(at, n.before());
    if (planned.isEmpty()) return noticeTooLate(stage, n);
    Instant start = planned.get();
    Duration lead = Duration.between(at, start);
    String text = n.message().isBlank()
        ? "Suture will patch " + drive.targets().size() + " targets with " + r.patch().id() + " (" + r.patch().title() + ") using plan "
          + r.plan().name() + (lead.isZero() ? "" : " in " + Durations.format(lead))
        : n.message();
    String summary = NOTICE_QUEUED + n.channel().map(c -> " for channel " + c).orElse(n.webhook().isPresent() ? " for the plan's webhook"
        : " for every channel subscribed to rollout.notice");
    // A stage re-run after a crash finds its summary already past this point (the summary and the
    // audit event committed together): queueing again would notify twice.
    String done = stage.summary() == null ? "" : stage.summary();
    if (!done.startsWith(NOTICE_QUEUED) && !done.startsWith(NOTICE_PERIOD)) {
      List<Object> details = new ArrayList<>(List.of("message", text, "plannedStart", start.toString(), "plan", r.plan().name(),
          "patch", r.patch().id(), "priority", r.patch().priority().name().toLowerCase(), "targets", drive.targets().size(),
          "rollout", r.id()));
      n.channel().ifPresent(c -> details.addAll(List.of("channel", c)));
      // The URL itself is kept in the audit trail (the relay needs it) but never copied into a message.
      n.webhook().ifPresent(w -> details.addAll(List.of("webhook", w, "planWebhook", true)));
      drive.stage(stage.running(summary), drive.audit("notify.notice", details.toArray()));
      log.info("notify: notice queued for rollout {} ({})", r.id(), summary);
    }
    if (start.isAfter(drive.now())) {
      drive.stage(drive.rollout().stages().get(stage.index()).waiting(NOTICE_PERIOD + " starting at " + start + " (promote to start now)"));
      drive.controls.clearPromote();
      if (!drive.controls.sleepUntil(start)) {
        if (drive.controls.abortRequested()) return Outcome.halt(drive.controls.operatorReason() + " during the notice period");
        drive.controls.takePromote();
      }
    }
    return Outcome.proceed(summary);
  }

  /**
   * The notice period would end after the open window's latest start, so no target could start
   * when the notice says: no notice now; the stage starts over (PENDING) and the rollout waits for
   * the next window, whose notice goes out {@code before} ahead of its opening.
   */
  private Outcome noticeTooLate(StageRun stage, StageSpec.Notify n) {
    String summary = "notice period of " + Durations.format(n.before()) + " would end after the window's latest start; "
        + "waiting for the next window";
    drive.stage(StageRun.pending(stage.index(), stage.type(), summary), drive.audit("window.cutoff_reached", "stage", stage.index(),
        "reason", "the notice period of " + Durations.format(n.before()) + " would end after the window's latest start"));
    return Outcome.windowClosed(summary);
  }

  private Outcome precheck(StageSpec.Precheck p) throws InterruptedException {
    List<TargetRun> all = new ArrayList<>(drive.targets());
    var failures = checks.failures(all, drive.rollout().plan().checksFor(p.checks()));
    if (!failures.isEmpty())
      return Outcome.halt("precheck failed on " + failures.size() + " of " + all.size() + " targets; first: " + failures.get(0).describe());
    return Outcome.proceed("all checks pass on " + all.size() + " targets");
  }

  private Outcome batch(StageRun stage, StageSpec.Batch spec, String what) throws InterruptedException {
    Plan plan = drive.rollout().plan();
    Optional<String> noWindow = drive.window.refresh();
    if (noWindow.isPresent()) return Outcome.halt(noWindow.get());
    int batchNo = StagePlan.batchNumber(plan, stage.index());
    List<TargetRun> members = StagePlan.assign(drive, plan, stage.index(), batchNo);
    int conc = Math.max(1, spec.maxConcurrency().of(members.size()));
    int maxErrors = spec.maxErrors().of(members.size());
    drive.stage(stage.running(what + ": patching " + members.size() + " targets (maxConcurrency " + conc + ", maxErrors " + maxErrors + ")"),
        drive.audit("batch.started", "stage", stage.index(), "batch", batchNo, "targets", members.size(),
            "maxConcurrency", conc, "maxErrors", maxErrors));
    boolean snapshots = StagePlan.snapshotsArmed(plan, stage.index());
    BatchRunner.Result r = new BatchRunner(drive, actions, checks).run(members, conc, maxErrors, snapshots,
        plan.checksFor(spec.checks()));
    String counts = r.healthy() + " healthy, " + r.failed() + " failed, " + r.skipped() + " skipped";
    drive.stage(drive.rollout().stages().get(stage.index()).running(what + ": " + counts),
        drive.audit("batch.finished", "stage", stage.index(), "batch", batchNo, "healthy", r.healthy(), "failed", r.failed(),
            "skipped", r.skipped()));
    if (r.aborted()) return Outcome.halt(drive.controls.operatorReason() + " during " + what);
    if (r.budgetExceeded()) {
      // Name the first failure: it is what the on-call engineer reads first in the incident title.
      String first = members.stream().map(m -> drive.target(m.seq())).filter(t -> t.state() == TargetState.FAILED).findFirst()
          .map(t -> "; first: " + t.name() + ": " + t.error()).orElse("");
      return Outcome.halt(what + ": " + r.failed() + " failures exceed maxErrors " + maxErrors + " (" + counts + ")" + first);
    }
    if (r.windowClosed()) {
      long waiting = members.stream().filter(m -> !drive.target(m.seq()).state().isSettled()).count();
      String summary = what + ": " + counts + "; window cutoff reached, " + waiting + " targets wait for the next opening";
      drive.stage(drive.rollout().stages().get(stage.index()).running(summary),
          drive.audit("window.cutoff_reached", "stage", stage.index(), "batch", batchNo, "notStarted", waiting));
      return Outcome.windowClosed(summary);
    }
    Outcome watched = observation.observe(drive.rollout().stages().get(stage.index()), spec.observe(), spec.interval(),
        plan.checksFor(spec.checks()), () -> healthyIn(batchNo), what);
    if (watched.halt()) return watched;
    return Outcome.proceed(what + ": " + counts + "; " + watched.summary());
  }

  /**
   * The final verification: a gate whose metrics measure once by default (a check may ask for more
   * with {@code count}/{@code interval}); errors are retried up to the check's consecutiveErrorLimit.
   */
  private Outcome verify(StageRun stage, StageSpec.Verify v) throws InterruptedException {
    List<TargetRun> patched = healthy();
    List<CheckSpec> specs = drive.rollout().plan().checksFor(v.checks());
    if (patched.isEmpty() || specs.isEmpty()) return Outcome.proceed("verified " + patched.size() + " patched targets");
    Outcome o = gate.decide(stage, "final verification", specs, c -> c.measure().forVerification(c.name()), this::healthy,
        Optional.empty());
    return o.halt() ? o : Outcome.proceed("verified " + patched.size() + " patched targets; " + o.summary());
  }

  private Outcome approval(StageRun stage, StageSpec.Approval a) throws InterruptedException {
    drive.stage(stage.waiting(a.message() + " (promote to continue)"), drive.audit("approval.waiting", "stage", stage.index()));
    while (true) {
      drive.controls.sleepUntil(Instant.MAX);
      if (drive.controls.abortRequested()) return Outcome.halt(drive.controls.operatorReason() + " at approval");
      if (drive.controls.takePromote()) {
        drive.stage(drive.rollout().stages().get(stage.index()).running("approved"), drive.audit("approval.granted", "stage", stage.index()));
        return Outcome.proceed("approved by promote");
      }
    }
  }

  /** Targets patched so far and healthy: what bakes and the final verification watch. */
  List<TargetRun> healthy() { return drive.targets(r -> r.state() == TargetState.HEALTHY); }

  private List<TargetRun> healthyIn(int batch) {
    return drive.targets(r -> r.state() == TargetState.HEALTHY && r.batch() <= batch);
  }
}
