package dev.suture.core.port;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port: runs argv on a target. Implementations must enforce {@code request.timeout()} themselves
 * (kill what they started) and must never pass argv through a shell.
 */
public interface TargetExecutor {
  /** The plan's {@code executor.type} this adapter serves. */
  String type();

  /**
   * Runs the request and waits for it. {@code started} is called once the side effect is under
   * way with a handle the engine persists (may be never called by remote executors).
   */
  ActionResult run(ActionRequest request, Consumer<ProcessRef> started) throws InterruptedException;

  /**
   * After a crash: if the process behind {@code ref} is still running, wait for it (at most
   * {@code remaining}, then kill it) and report that it ended. Empty when it is already gone.
   */
  default Optional<ActionResult> adopt(ProcessRef ref, Duration remaining) throws InterruptedException {
    return Optional.empty();
  }
}
