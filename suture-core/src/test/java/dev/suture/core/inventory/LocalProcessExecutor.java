package dev.suture.core.inventory;

import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.OutputTail;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Test-only executor: runs the argv as a real child process on this machine (core cannot depend on
 * suture-command). Like the real executors it keeps only the tail of stdout+stderr, enforces the
 * request's timeout by killing the process and its descendants, and never adds a shell of its own.
 *
 * <p>{@code rewrite} stands in for a host other than this one: it may replace the fixed commands
 * inside the argv by {@code cat FIXTURE} (a canned output of the real command), so the rest of the
 * script (framing, gzip, base64) still runs for real.
 */
final class LocalProcessExecutor implements TargetExecutor {
  private final int tailBytes;
  private final UnaryOperator<List<String>> rewrite;
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger maxRunning = new AtomicInteger();
  final List<List<String>> ran = new java.util.concurrent.CopyOnWriteArrayList<>();

  LocalProcessExecutor() { this(64 * 1024, argv -> argv); }

  LocalProcessExecutor(int tailBytes, UnaryOperator<List<String>> rewrite) {
    this.tailBytes = tailBytes;
    this.rewrite = rewrite;
  }

  @Override public String type() { return "local"; }

  @Override public ActionResult run(ActionRequest request, Consumer<ProcessRef> started) throws InterruptedException {
    List<String> argv = rewrite.apply(request.argv());
    ran.add(argv);
    long t0 = System.nanoTime();
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
    } catch (IOException e) {
      return ActionResult.failed("cannot start " + argv.get(0) + ": " + e.getMessage(), Duration.ZERO);
    }
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    started.accept(new ProcessRef(p.pid(), Instant.now()));
    OutputTail tail = new OutputTail(tailBytes);
    Thread pump = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = p.getInputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) tail.append(buf, 0, n);
      } catch (IOException e) {
        // the process was killed; the tail keeps what arrived
      }
    }, "local-exec-pump-" + p.pid());
    pump.start();
    try {
      boolean ended = p.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) kill(p);
      pump.join(5_000);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
      return ended ? new ActionResult(p.exitValue(), tail.text(), false, elapsed, null)
          : new ActionResult(ActionResult.NO_EXIT, tail.text(), true, elapsed, null);
    } catch (InterruptedException e) {
      kill(p);
      throw e;
    } finally {
      running.decrementAndGet();
    }
  }

  private static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(5, TimeUnit.SECONDS);
  }
}
