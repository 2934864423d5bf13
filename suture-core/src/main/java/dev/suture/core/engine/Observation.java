package dev.suture.core.engine;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.rollout.StageRun;
import dev.suture.core.rollout.TargetRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A bake: runs checks every interval until the duration has passed on the engine clock. Any failed
 * or unmeasurable check halts. {@code promote} ends it early; abort ends it with a halt.
 */
final class Observation {
  private final Drive drive;
  private final CheckSuite checks;

  Observation(Drive drive, CheckSuite checks) {
    this.drive = drive;
    this.checks = checks;
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
    Duration every = interval != null ? interval : defaultInterval(duration);
    Instant until = drive.now().plus(duration);
    drive.stage(stage.waiting(what + ": observing until " + until + " (checks every " + every.toSeconds() + "s; promote to end early)"),
        drive.audit("stage.observing", "stage", stage.index(), "until", until.toString()));
    int rounds = 0;
    while (true) {
      List<CheckSuite.Failure> failures = checks.failures(targets.get(), specs);
      rounds++;
      if (!failures.isEmpty()) {
        return Outcome.halt("gate failed during " + what + " observation: " + failures.get(0).describe()
            + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : ""));
      }
      Instant now = drive.now();
      if (!now.isBefore(until)) break;
      Instant next = now.plus(every);
      boolean slept = drive.controls.sleepUntil(next.isBefore(until) ? next : until);
      if (!slept) {
        if (drive.controls.abortRequested()) return Outcome.halt("aborted by operator during " + what + " observation");
        if (drive.controls.takePromote()) {
          drive.stage(drive.rollout().stages().get(stage.index()).running(what + ": promoted"),
              drive.audit("stage.promoted", "stage", stage.index()));
          return Outcome.proceed(what + ": promoted by operator after " + rounds + " check rounds");
        }
      }
    }
    drive.stage(drive.rollout().stages().get(stage.index()).running(what + ": observed"));
    return Outcome.proceed(what + ": healthy through " + rounds + " check rounds over " + duration.toSeconds() + "s");
  }
}
