package dev.suture.core.engine;

import dev.suture.core.analysis.GateOutcome;
import dev.suture.core.analysis.GateRun;
import dev.suture.core.analysis.Measurement;
import dev.suture.core.analysis.MeasurementPhase;
import dev.suture.core.analysis.MetricRun;
import dev.suture.core.analysis.MetricSpec;
import dev.suture.core.analysis.Verdict;
import dev.suture.core.model.Asset;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.GateScope;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.StageRun;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where checks decide: runs the stage's checks as the metrics of one {@link GateRun} (Argo
 * Rollouts' measurement semantics, docs/analysis.md) on the engine clock, then acts on the verdict:
 * continue; halt (and roll back); or, when inconclusive, PAUSE the rollout for a human, who resumes
 * (or promotes) to go on or aborts to roll back.
 */
final class Gate {
  private static final Logger log = LoggerFactory.getLogger(Gate.class);

  private final Drive drive;
  private final CheckSuite checks;

  Gate(Drive drive, CheckSuite checks) {
    this.drive = drive;
    this.checks = checks;
  }

  /**
   * Runs the gate until it is decided, or until {@code until} (an observation's end; empty for a
   * verification, which ends when every metric has its count). Promote during the gate ends it
   * as a pass; abort as a halt.
   */
  Outcome decide(StageRun stage, String what, List<CheckSpec> specs, Function<CheckSpec, MetricSpec> metricOf,
                 Supplier<List<TargetRun>> watched, Optional<Instant> until) throws InterruptedException {
    Map<String, CheckSpec> byName = new LinkedHashMap<>();
    List<MetricSpec> metrics = new ArrayList<>();
    for (CheckSpec c : specs) {
      byName.put(c.name(), c);
      metrics.add(metricOf.apply(c));
    }
    Instant started = drive.now();
    GateRun gate = new GateRun(metrics, drive.clock);
    while (gate.verdict().isEmpty()) {
      List<String> due = gate.due();
      if (!due.isEmpty()) {
        List<TargetRun> targets = watched.get();
        GateScope scope = scope(targets, started);
        Map<String, Measurement> step = new LinkedHashMap<>();
        for (String name : due) {
          CheckSpec check = byName.get(name);
          CheckSuite.Taken taken = checks.measure(check, targets, scope);
          step.put(name, taken.measurement());
          // Rollout-level measurements (judge, burn rate) are few and each is evidence an auditor
          // and the programme metrics (M3) want; per-target ones are summed up in the verdict.
          if (!check.probe().perTarget()) {
            Measurement m = taken.measurement();
            drive.stage(drive.rollout().stages().get(stage.index()), drive.audit("gate.measured", "stage", stage.index(), "gate", what,
                "check", name, "type", check.type(), "phase", m.phase().name().toLowerCase(), "message", m.message(),
                "figures", taken.figures(), "canary", scope.canary().size(), "baseline", scope.baseline().size()));
          }
        }
        gate.record(step);
        if (gate.verdict().isPresent()) break;
        drive.stage(drive.rollout().stages().get(stage.index()).waiting(what + ": " + progress(gate)
            + until.map(u -> " until " + u).orElse("") + " (promote to end early)"));
      }
      Instant now = drive.now();
      if (until.isPresent() && !now.isBefore(until.get())) {
        gate.end();
        break;
      }
      Optional<Instant> next = gate.nextDue();
      if (next.isEmpty() && until.isEmpty()) {
        gate.end();
        break;
      }
      Instant wake = next.isEmpty() || (until.isPresent() && until.get().isBefore(next.get())) ? until.get() : next.get();
      if (!drive.controls.sleepUntil(wake)) {
        if (drive.controls.abortRequested()) return Outcome.halt(drive.controls.operatorReason() + " during " + what);
        if (drive.controls.takePromote()) {
          drive.stage(drive.rollout().stages().get(stage.index()).running(what + ": promoted"),
              drive.audit("stage.promoted", "stage", stage.index()));
          return Outcome.proceed(what + ": promoted by operator (" + progress(gate) + ")");
        }
      }
    }
    return act(stage, what, gate);
  }

  private Outcome act(StageRun stage, String what, GateRun gate) throws InterruptedException {
    Verdict v = gate.verdict().orElseThrow();
    String outcome = v.outcome().name().toLowerCase();
    // When the evidence first turned bad: where "time to rollback" (M4) starts, not at the halt.
    String firstBadAt = v.decidingMetric().flatMap(name -> gate.metric(name).history().stream()
        .filter(m -> m.phase() != MeasurementPhase.SUCCESSFUL).findFirst()).map(m -> m.finishedAt().toString()).orElse("");
    drive.stage(drive.rollout().stages().get(stage.index()).running(what + ": gate " + outcome + ": " + v.reason()),
        drive.audit("gate.verdict", "stage", stage.index(), "gate", what, "outcome", outcome,
            "metric", v.decidingMetric().orElse(""), "reason", v.reason(), "metrics", v.metrics(), "firstBadAt", firstBadAt));
    if (v.outcome() == GateOutcome.CONTINUE) return Outcome.proceed(what + ": " + v.reason());
    if (v.outcome() == GateOutcome.HALT) return Outcome.halt("gate failed during " + what + ": " + v.reason());
    return pauseForHuman(stage, what, v);
  }

  /**
   * Inconclusive evidence is a human's call (Argo: the rollout pauses). The rollout is PAUSED, with
   * the verdict in the stage's summary; resume or promote continues, abort rolls back.
   */
  private Outcome pauseForHuman(StageRun stage, String what, Verdict v) throws InterruptedException {
    log.warn("rollout {}: {} gate inconclusive ({}); paused for an operator", drive.rollout().id(), what, v.reason());
    drive.controls.clearPromote();
    // The stage says why before the rollout says PAUSED: whoever sees PAUSED also sees the reason.
    drive.stage(drive.rollout().stages().get(stage.index()).waiting(what + ": inconclusive: " + v.reason()
        + " (resume or promote to continue, abort to roll back)"));
    if (drive.rollout().state() == RolloutState.RUNNING) {
      drive.transition(RolloutState.PAUSED, drive.audit("rollout.paused", "reason", "inconclusive gate during " + what + ": " + v.reason()));
    }
    drive.controls.holdForGate();
    drive.controls.clearPromote();
    if (drive.controls.abortRequested()) return Outcome.halt(drive.controls.operatorReason() + " after an inconclusive gate during " + what + ": " + v.reason());
    drive.stage(drive.rollout().stages().get(stage.index()).running(what + ": inconclusive gate passed by operator"),
        drive.audit("gate.overridden", "stage", stage.index(), "gate", what, "reason", v.reason()));
    return Outcome.proceed(what + ": inconclusive (" + v.reason() + "); continued by operator");
  }

  /** Canary = the targets the gate watches; baseline = targets of the rollout not touched yet. */
  private GateScope scope(List<TargetRun> watched, Instant started) {
    List<Asset> canary = watched.stream().map(TargetRun::asset).toList();
    List<Asset> baseline = drive.targets(t -> t.state() == TargetState.PENDING).stream().map(TargetRun::asset).toList();
    return new GateScope(drive.rollout().id(), drive.rollout().patch(), canary, baseline, started, drive.now());
  }

  /** "error-rate 3 ok, latency 1 failed/limit 2": what the operator sees while the gate runs. */
  static String progress(GateRun gate) {
    StringBuilder b = new StringBuilder();
    for (MetricRun m : gate.metrics()) {
      if (b.length() > 0) b.append(", ");
      b.append(m.name()).append(' ').append(m.phase().name().toLowerCase());
      m.history().stream().reduce((a, c) -> c).ifPresent(last -> b.append(" (last ").append(last.phase().name().toLowerCase())
          .append(last.message().isEmpty() ? "" : ": " + abbreviate(last.message())).append(')'));
    }
    return b.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
