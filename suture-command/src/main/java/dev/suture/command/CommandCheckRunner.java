package dev.suture.command;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.template.Template;
import dev.suture.core.template.TemplateContext;
import java.util.List;

/**
 * Check type {@code command}: runs the rendered argv through the plan's executor (so it runs
 * where the plan runs things: locally, over SSH, ...). Exit 0 passes, any other exit fails, and
 * anything that produced no exit code is an ERROR: a probe that could not run says nothing
 * about health.
 */
public final class CommandCheckRunner implements CheckRunner {
  @Override public String type() { return "command"; }

  @Override
  public CheckResult run(CheckSpec check, TemplateContext context, ExecutorHandle executor) throws InterruptedException {
    if (!(check.probe() instanceof CheckSpec.Command command)) {
      throw new IllegalArgumentException("check " + check.name() + " is of type " + check.type() + ", not command");
    }
    List<String> argv;
    try {
      argv = Template.render(command.argv(), context);
    } catch (Template.UnknownVariableException e) {
      return CheckResult.error(check.name(), e.getMessage());
    }
    ActionResult result = executor.run(argv, command.timeout());
    if (result.timedOut() || result.error() != null || result.exitCode() == ActionResult.NO_EXIT) {
      return CheckResult.error(check.name(), result.describe());
    }
    return result.exitCode() == 0
        ? CheckResult.pass(check.name(), result.describe())
        : CheckResult.fail(check.name(), result.describe());
  }
}
