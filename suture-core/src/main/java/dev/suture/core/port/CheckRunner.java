package dev.suture.core.port;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.template.TemplateContext;

/** Port: evaluates one type of check against one target. Must honour the probe's timeout. */
public interface CheckRunner {
  String type();

  CheckResult run(CheckSpec check, TemplateContext context, ExecutorHandle executor) throws InterruptedException;

  /** Lets command checks run through the plan's executor (locally, over SSH, ...). */
  interface ExecutorHandle {
    ActionResult run(java.util.List<String> argv, java.time.Duration timeout) throws InterruptedException;
  }
}
