package dev.suture.core.engine;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.plan.FailurePolicy;
import dev.suture.core.port.AuditLog;
import dev.suture.core.port.Incident;
import dev.suture.core.port.LeaseLostException;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.StageRun;
import dev.suture.core.rollout.StageState;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Drives one rollout from wherever its durable state says it is: stages in order, then SUCCEEDED;
 * or on a halt: HALTED, P1 incident, and (automatic policy or operator abort) rollback.
 */
final class RolloutDriver implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(RolloutDriver.class);

  private final Drive drive;
  private final StageExecutor stages;
  private final AuditLog audit;
  private final Runnable onExit;

  RolloutDriver(Drive drive, ExecutorService checkPool, AuditLog audit, Runnable onExit) {
    this.drive = drive;
    this.stages = new StageExecutor(drive, checkPool);
    this.audit = audit;
    this.onExit = onExit;
  }

  @Override public void run() {
    MDC.put("rollout", drive.rollout().id());
    try {
      drive();
    } catch (LeaseLostException e) {
      log.warn("expected race: {}; another node drives it now", e.getMessage());
    } catch (InterruptedException e) {
      log.info("driver for {} interrupted (node shutting down); the rollout resumes on restart", drive.rollout().id());
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("bug: driver for rollout {} failed; it will be resumed by the sweeper", drive.rollout().id(), e);
    } finally {
      stages.actions().close();
      try {
        drive.writer.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      MDC.remove("rollout");
      onExit.run();
    }
  }

  private void drive() throws InterruptedException {
    RolloutState state = drive.rollout().state();
    if (state == RolloutState.SCHEDULED || state == RolloutState.WAITING_FOR_WINDOW) {
      // Waits (WAITING_FOR_WINDOW) until the plan's window lets targets start; then RUNNING.
      Outcome gate = drive.window.await();
      if (gate.halt()) {
        haltAndMaybeRollBack(gate.reason(), drive.controls.abortRequested());
        return;
      }
      if (drive.rollout().state() == RolloutState.SCHEDULED)
        drive.transition(RolloutState.RUNNING, drive.audit("rollout.started", "targets", drive.targets().size()));
    }
    if (drive.rollout().state() == RolloutState.ROLLING_BACK) {
      finishRollback();
      return;
    }
    if (drive.rollout().state() == RolloutState.HALTED) {
      // Only claimed in HALTED when an operator asked to abort: roll back what was touched.
      drive.controls.poll();
      haltAndMaybeRollBack(drive.rollout().haltReason(), true);
      return;
    }
    int count = drive.rollout().plan().stages().size();
    for (int i = drive.rollout().stageIndex(); i < count; i++) {
      drive.controls.poll();
      if (drive.controls.abortRequested()) {
        haltAndMaybeRollBack(drive.controls.operatorReason(), true);
        return;
      }
      StageRun stage = drive.rollout().stages().get(i);
      String type = stage.type();
      if (stage.state() == StageState.PENDING)
        drive.save(drive.rollout().withStage(i, stage.start(drive.now()), drive.now()),
            drive.audit("stage.started", "stage", i, "type", type));
      else
        drive.save(drive.rollout().withStage(i, drive.rollout().stages().get(i), drive.now()),
            drive.audit("stage.resumed", "stage", i, "type", type));
      Outcome outcome = stages.run(i);
      if (outcome.windowClosed()) {
        // Past the cutoff: wait in WAITING_FOR_WINDOW, then run the same stage again (settled targets are skipped).
        outcome = drive.window.await();
        if (!outcome.halt()) {
          i--;
          continue;
        }
      }
      StageRun current = drive.rollout().stages().get(i);
      if (outcome.halt()) {
        drive.stage(current.end(StageState.FAILED, outcome.reason(), drive.now()),
            drive.audit("stage.failed", "stage", i, "type", type, "reason", outcome.reason()));
        haltAndMaybeRollBack(outcome.reason(), drive.controls.abortRequested());
        return;
      }
      StageRun done = current.end(StageState.SUCCEEDED, outcome.summary(), drive.now());
      drive.save(drive.rollout().withStage(Math.min(i + 1, count), done, drive.now()),
          drive.audit("stage.succeeded", "stage", i, "type", type, "summary", outcome.summary()));
    }
    // An abort that arrived during the last stage wins over success: the operator asked to stop.
    drive.controls.poll();
    if (drive.controls.abortRequested()) {
      haltAndMaybeRollBack(drive.controls.operatorReason(), true);
      return;
    }
    drive.transition(RolloutState.SUCCEEDED, drive.audit("rollout.succeeded", "summary", counts()));
    try {
      new SnapshotRetention(drive, stages.actions(), audit).run();
    } catch (RuntimeException e) {
      // Housekeeping: a failure here must not make a successful rollout look failed.
      log.warn("snapshot retention after rollout {} failed: {}", drive.rollout().id(), e.toString());
    }
    drive.store.release(drive.fence);
  }

  private void haltAndMaybeRollBack(String reason, boolean operatorAbort) throws InterruptedException {
    boolean touched = !drive.targets(t -> t.state().isTouched()).isEmpty();
    if (drive.rollout().state() != RolloutState.HALTED) {
      drive.save(drive.rollout().withState(RolloutState.HALTED, drive.now()).withHaltReason(reason),
          drive.audit("rollout.halted", "reason", reason, "touchedTargets", touched));
      openIncident(reason);
    }
    boolean automatic = drive.rollout().plan().onFailure().rollback() == FailurePolicy.RollbackMode.AUTOMATIC;
    if (!touched) {
      if (operatorAbort) drive.transition(RolloutState.ABORTED, drive.audit("rollout.aborted", "reason", reason));
      drive.store.release(drive.fence);
      return;
    }
    if (!automatic && !operatorAbort) {
      log.warn("rollout {} halted ({}); rollback is manual: waiting for an operator (abort rolls back)", drive.rollout().id(), reason);
      drive.store.release(drive.fence);
      return;
    }
    drive.transition(RolloutState.ROLLING_BACK, drive.audit("rollback.started", "reason", reason, "trigger",
        drive.controls.fastRollback() ? "operator rollback (fast)" : operatorAbort ? "operator abort" : "automatic policy"));
    finishRollback();
  }

  private void finishRollback() throws InterruptedException {
    boolean ok = new Rollback(drive, stages.actions(), stages.checks(), drive.controls.fastRollback()).run();
    RolloutState end = ok ? RolloutState.ROLLED_BACK : RolloutState.ROLLBACK_FAILED;
    drive.transition(end, drive.audit(ok ? "rollout.rolled_back" : "rollout.rollback_failed", "summary", counts()));
    drive.store.release(drive.fence);
  }

  private void openIncident(String reason) {
    var r = drive.rollout();
    if (drive.store.incidentFor(r.id()).isPresent()) return;
    String priority = r.plan().onFailure().incidentPriority();
    String title = "Rollout " + r.id() + " of " + r.patch().id() + " halted: " + reason;
    var incident = new Incident(null, r.id(), priority, title, "OPEN", drive.now(), audit.forSubject(drive.subject()));
    Incident opened = drive.store.openIncident(drive.fence, incident,
        AuditRecord.of(drive.actor, "incident.opened", drive.subject(), "priority", priority, "title", title));
    log.warn("{} incident {} opened: {}", priority, opened.id(), title);
  }

  private String counts() {
    var m = new java.util.TreeMap<String, Integer>();
    drive.targets().forEach(t -> m.merge(t.state().name(), 1, Integer::sum));
    return m.toString();
  }

}
