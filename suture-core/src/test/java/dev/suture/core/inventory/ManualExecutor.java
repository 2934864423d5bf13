package dev.suture.core.inventory;

import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Test-only asynchronous executor whose actions end when the test says so, the way ssh's futures
 * end on an I/O thread: used to check the collector's bound, ordering and cancellation, which a
 * real process would make timing-dependent.
 */
final class ManualExecutor implements TargetExecutor {
  record Started(ActionRequest request, CompletableFuture<ActionResult> future) {
    void finish(String output) { future.complete(new ActionResult(0, output, false, Duration.ofMillis(1), null)); }
  }

  final List<Started> started = new CopyOnWriteArrayList<>();

  @Override public String type() { return "manual"; }

  @Override public ActionResult run(ActionRequest request, Consumer<ProcessRef> s) {
    throw new UnsupportedOperationException("asynchronous only");
  }

  @Override public CompletableFuture<ActionResult> start(ActionRequest request, Consumer<ProcessRef> s, ExecutorService blocking) {
    CompletableFuture<ActionResult> f = new CompletableFuture<>();
    started.add(new Started(request, f));
    return f;
  }

  Started get(int i) { return started.get(i); }

  long pending() { return started.stream().filter(s -> !s.future().isDone()).count(); }
}
