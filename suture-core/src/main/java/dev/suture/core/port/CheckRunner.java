package dev.suture.core.port;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.template.TemplateContext;

/**
 * Port: evaluates one type of check. Must honour the probe's timeout. Per-target checks (http,
 * command, prometheus) implement {@link #run}; checks over the rollout as a whole (judge, burnRate:
 * {@link CheckSpec.Probe#perTarget()} false) implement {@link #runForGate}, which a gate calls once
 * per measurement.
 */
public interface CheckRunner {
  String type();

  /** One measurement on one target. The default refuses: the type judges the rollout as a whole. */
  default CheckResult run(CheckSpec check, TemplateContext context, ExecutorHandle executor) throws InterruptedException {
    return CheckResult.error(check.name(), "check type '" + type() + "' judges the rollout as a whole; it runs in gates "
        + "(bake, observe, verify), not on one target");
  }

  /** One measurement of a rollout-level check. The default refuses: the type is per-target. */
  default CheckResult runForGate(CheckSpec check, GateScope scope) throws InterruptedException {
    return CheckResult.error(check.name(), "check type '" + type() + "' runs per target, not once per gate");
  }

  /** Lets command checks run through the plan's executor (locally, over SSH, ...). */
  interface ExecutorHandle {
    ActionResult run(java.util.List<String> argv, java.time.Duration timeout) throws InterruptedException;
  }
}
