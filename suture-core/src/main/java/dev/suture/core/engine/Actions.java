package dev.suture.core.engine;

import dev.suture.core.port.ActionKey;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.template.Template;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Renders argv templates for a target and runs them through the plan's executor. */
final class Actions {
  private final Drive drive;
  private final TargetExecutor executor;

  Actions(Drive drive) {
    this.drive = drive;
    this.executor = drive.adapters.executor(drive.rollout().plan().executor().type());
  }

  TargetExecutor executor() { return executor; }

  ActionResult run(TargetRun run, ActionKind kind, List<String> template, Duration timeout, Consumer<ProcessRef> started)
      throws InterruptedException {
    List<String> argv;
    try {
      argv = Template.render(template, drive.context(run));
    } catch (Template.UnknownVariableException e) {
      return ActionResult.failed(e.getMessage(), Duration.ZERO);
    }
    var key = new ActionKey(drive.rollout().id(), run.name(), kind, Math.max(1, run.attempts()));
    var request = new ActionRequest(key, run.asset(), argv, timeout, drive.rollout().plan().executor().options());
    return executor.run(request, started);
  }

  ActionResult run(TargetRun run, ActionKind kind, List<String> template, Duration timeout) throws InterruptedException {
    return run(run, kind, template, timeout, ref -> {});
  }

  /** The installed version, or a failed result when the probe cannot tell. */
  ActionResult probeVersion(TargetRun run) throws InterruptedException {
    var ex = drive.rollout().plan().executor();
    return run(run, ActionKind.PROBE_VERSION, ex.version(), ex.timeout());
  }

  boolean hasVersionProbe() { return !drive.rollout().plan().executor().version().isEmpty(); }

  static String version(ActionResult r) { return r.output() == null ? "" : r.output().strip(); }
}
