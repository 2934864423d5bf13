package dev.suture.core.engine;

import dev.suture.core.port.ActionKey;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.template.Template;
import dev.suture.core.template.TemplateContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Renders argv templates for a target and runs them through the plan's executor. Every action in
 * flight is tracked so that a node shutting down can cancel them all (which kills what they ran).
 */
final class Actions implements AutoCloseable {
  private final Drive drive;
  private final TargetExecutor executor;
  /** Threads for executors that block (local processes); async executors never use it. */
  private final ExecutorService blocking;
  private final Set<CompletableFuture<ActionResult>> inFlight = ConcurrentHashMap.newKeySet();
  /** Set by a fast rollback: actions that would start now fail at once, until the rollback reopens. */
  private volatile boolean refusing;

  Actions(Drive drive) {
    this.drive = drive;
    this.executor = drive.adapters.executor(drive.rollout().plan().executor().type());
    this.blocking = Executors.newCachedThreadPool(BatchRunner.named("suture-" + drive.rollout().id() + "-x"));
  }

  TargetExecutor executor() { return executor; }

  /** Starts the action; the future never completes exceptionally for a failed command, only when cancelled. */
  CompletableFuture<ActionResult> start(TargetRun run, ActionKind kind, List<String> template, Duration timeout,
                                        Consumer<ProcessRef> started) {
    return start(run, drive.context(run), drive.rollout().plan().executor().options(), kind, template, timeout, started);
  }

  /** With another rollout's context and executor options (deleting that rollout's old snapshots). */
  CompletableFuture<ActionResult> start(TargetRun run, TemplateContext context, java.util.Map<String, String> options,
                                        ActionKind kind, List<String> template, Duration timeout, Consumer<ProcessRef> started) {
    if (refusing) return CompletableFuture.failedFuture(new java.util.concurrent.CancellationException("stopped by a fast rollback"));
    List<String> argv;
    try {
      argv = Template.render(template, context);
    } catch (Template.UnknownVariableException e) {
      return CompletableFuture.completedFuture(ActionResult.failed(e.getMessage(), Duration.ZERO));
    }
    var key = new ActionKey(context.rolloutId(), run.name(), kind, Math.max(1, run.attempts()));
    var request = new ActionRequest(key, run.asset(), argv, timeout, options);
    CompletableFuture<ActionResult> f;
    try {
      f = executor.start(request, started, blocking);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    inFlight.add(f);
    f.whenComplete((r, e) -> inFlight.remove(f));
    return f;
  }

  CompletableFuture<ActionResult> start(TargetRun run, ActionKind kind, List<String> template, Duration timeout) {
    return start(run, kind, template, timeout, ref -> {});
  }

  /** Blocking form, for callers that own a thread anyway (checks, rollback). */
  ActionResult run(TargetRun run, ActionKind kind, List<String> template, Duration timeout) throws InterruptedException {
    CompletableFuture<ActionResult> f = start(run, kind, template, timeout);
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InterruptedException ie) throw ie;
      if (cause instanceof RuntimeException re) throw re;
      throw new IllegalStateException(cause);
    }
  }

  /** The installed version, or a failed result when the probe cannot tell. */
  CompletableFuture<ActionResult> probeVersion(TargetRun run) {
    var ex = drive.rollout().plan().executor();
    return start(run, ActionKind.PROBE_VERSION, ex.version(), ex.timeout());
  }

  ActionResult probeVersionNow(TargetRun run) throws InterruptedException {
    var ex = drive.rollout().plan().executor();
    return run(run, ActionKind.PROBE_VERSION, ex.version(), ex.timeout());
  }

  boolean hasVersionProbe() { return !drive.rollout().plan().executor().version().isEmpty(); }

  static String version(ActionResult r) { return r.output() == null ? "" : r.output().strip(); }

  /** {@link TargetExecutor#adopt} on a blocking thread (it waits for a local process). */
  CompletableFuture<java.util.Optional<ActionResult>> adopt(ProcessRef ref, Duration remaining) {
    CompletableFuture<java.util.Optional<ActionResult>> f = new CompletableFuture<>();
    blocking.execute(() -> {
      try {
        f.complete(executor.adopt(ref, remaining));
      } catch (InterruptedException | RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  /**
   * Fast rollback: cancels every action in flight and refuses new ones, so that a target procedure
   * between two actions cannot start its next one; {@link #reopen()} lets the rollback run.
   */
  void stopAll() {
    refusing = true;
    cancelAll();
  }

  void reopen() { refusing = false; }

  /** Cancels every action in flight: their executors kill what they started. */
  void cancelAll() {
    for (CompletableFuture<ActionResult> f : List.copyOf(inFlight)) f.cancel(true);
  }

  @Override public void close() {
    cancelAll();
    blocking.shutdownNow();
  }
}
