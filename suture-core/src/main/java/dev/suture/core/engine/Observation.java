package dev.suture.core.engine;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.rollout.StageRun;
import dev.suture.core.rollout.TargetRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A bake: the stage's checks measured as a {@link Gate} until the duration has passed on the engine
 * clock, every interval (or each check's own {@code interval}/{@code count}). A failed or errored
 * gate halts; an inconclusive one pauses for a human. {@code promote} ends it early; abort ends it
 * with a halt.
 */
final class Observation {
  private final Drive drive;
  private final Gate gate;

  Observation(Drive drive, Gate gate) {
    this.drive = drive;
    this.gate = gate;
  }

  static Duration defaultInterval(Duration duration) {
    Duration third = duration.dividedBy(3);
    Duration min = Duration.ofSeconds(1);
    Duration max = Duration.ofSeconds(10);
    return third.compareTo(min) < 0 ? min : third.compareTo(max) > 0 ? max : third;
  }

  Outcome observe(StageRun stage, Duration duration, Duration interval, List<CheckSpec> specs,
                  Supplier<List<TargetRun>> targets, String what) throws InterruptedException {
    if (duration.isZero()) return Outcome.proceed(what + ": no observation");
    if (specs.isEmpty()) return waitOut(stage, duration, what);
    if (targets.get().isEmpty()) return Outcome.proceed(what + ": no patched target to observe");
    Duration every = interval != null ? interval : defaultInterval(duration);
    Instant until = drive.now().plus(duration);
    drive.stage(stage.waiting(what + ": observing until " + until + " (checks every " + every.toSeconds() + "s; promote to end early)"),
        drive.audit("stage.observing", "stage", stage.index(), "until", until.toString()));
    return gate.decide(stage, what + " observation", specs, c -> c.measure().forObservation(c.name(), every), targets,
        Optional.of(until));
  }

  /** A bake with no checks is a plain wait (e.g. to let a cache warm up); promote ends it. */
  private Outcome waitOut(StageRun stage, Duration duration, String what) throws InterruptedException {
    Instant until = drive.now().plus(duration);
    drive.stage(stage.waiting(what + ": waiting until " + until + " (no checks; promote to end early)"),
        drive.audit("stage.observing", "stage", stage.index(), "until", until.toString()));
    if (!drive.controls.sleepUntil(until)) {
      if (drive.controls.abortRequested()) return Outcome.halt(drive.controls.operatorReason() + " during " + what + " observation");
      drive.controls.takePromote();
      return Outcome.proceed(what + ": promoted by operator");
    }
    return Outcome.proceed(what + ": waited " + duration.toSeconds() + "s (no checks)");
  }
}
