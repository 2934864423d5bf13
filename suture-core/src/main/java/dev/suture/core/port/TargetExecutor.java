package dev.suture.core.port;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
   * Starts the request and returns at once; the future completes when the action has ended.
   * Cancelling the future must stop the action (kill what was started). Adapters whose I/O is
   * asynchronous (ssh) override this so that a thousand targets in flight hold no thread each; the
   * default runs the blocking {@link #run} on a thread of {@code blocking}.
   */
  default CompletableFuture<ActionResult> start(ActionRequest request, Consumer<ProcessRef> started, ExecutorService blocking) {
    CompletableFuture<ActionResult> result = new CompletableFuture<>();
    Future<?> task = blocking.submit(() -> {
      try {
        result.complete(run(request, started));
      } catch (InterruptedException e) {
        result.completeExceptionally(e);
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    });
    // Cancelling the future interrupts the thread, and run() kills what it started.
    result.whenComplete((r, e) -> {
      if (e instanceof CancellationException) task.cancel(true);
    });
    return result;
  }

  /**
   * After a crash: if the process behind {@code ref} is still running, wait for it (at most
   * {@code remaining}, then kill it) and report that it ended. Empty when it is already gone.
   */
  default Optional<ActionResult> adopt(ProcessRef ref, Duration remaining) throws InterruptedException {
    return Optional.empty();
  }
}
