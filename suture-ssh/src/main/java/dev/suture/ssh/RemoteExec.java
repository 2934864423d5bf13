package dev.suture.ssh;

import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.OutputTail;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command on one SSH session, driven entirely by MINA's callbacks: nothing blocks while it
 * runs. On timeout or cancellation the remote process group is killed through a second channel
 * before the result is reported, so "timed out" means "no longer running".
 */
final class RemoteExec {
  private static final Logger log = LoggerFactory.getLogger(RemoteExec.class);
  static final int TAIL_BYTES = 64 * 1024;
  /** How long the kill command itself may take before the channel is just dropped. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(10);

  private final ClientSession session;
  private final ActionRequest request;
  private final ScheduledExecutorService timer;
  private final long startNanos;
  private final OutputTail tail = new OutputTail(TAIL_BYTES);
  private final PidSniffer stderr = new PidSniffer(tail);
  private final CompletableFuture<ActionResult> result = new CompletableFuture<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile ChannelExec channel;
  private volatile boolean timedOut;
  private volatile ScheduledFuture<?> deadline;

  RemoteExec(ClientSession session, ActionRequest request, ScheduledExecutorService timer, long startNanos) {
    this.session = session;
    this.request = request;
    this.timer = timer;
    this.startNanos = startNanos;
  }

  /** Completes normally with the result, or exceptionally when no channel could be opened. */
  CompletableFuture<ActionResult> start() {
    try {
      channel = session.createExecChannel(RemoteShell.command(request.argv()));
      channel.setOut(new TailStream(tail));
      channel.setErr(stderr);
      channel.open().addListener(opened -> {
        if (!opened.isOpened()) {
          result.completeExceptionally(new SshFailure("cannot start the command: " + SshFailure.reason(opened.getException())));
          return;
        }
        closeStdin();
        channel.addCloseFutureListener(closed -> finished());
      });
    } catch (IOException | RuntimeException e) {
      result.completeExceptionally(new SshFailure("cannot start the command: " + SshFailure.reason(e)));
      return result;
    }
    deadline = timer.schedule(() -> stop(true), request.timeout().toMillis(), TimeUnit.MILLISECONDS);
    return result;
  }

  /** Cancellation by the engine: kill the remote command. */
  void cancel() { stop(false); }

  /** Remote commands must not wait for input: stdin is closed (EOF) as soon as the channel opens. */
  private void closeStdin() {
    OutputStream in = channel.getInvertedIn();
    if (in == null) return;
    try {
      in.close();
    } catch (IOException e) {
      log.debug("closing remote stdin: {}", e.toString());
    }
  }

  private void finished() {
    ScheduledFuture<?> d = deadline;
    if (d != null) d.cancel(false);
    if (stopping.get()) return; // stop() reports once the kill is done
    Integer status = channel.getExitStatus();
    String signal = channel.getExitSignal();
    Duration elapsed = elapsed();
    if (status != null) result.complete(new ActionResult(status, tail.text(), false, elapsed, null));
    else if (signal != null) result.complete(new ActionResult(ActionResult.NO_EXIT, tail.text(), false, elapsed,
        "remote command killed by signal " + signal));
    else result.complete(new ActionResult(ActionResult.NO_EXIT, tail.text(), false, elapsed,
        "connection to " + session.getRemoteAddress() + " lost before the command reported its exit status"));
  }

  /** Kills the remote process group, then closes the channel and reports. */
  private void stop(boolean timeout) {
    if (result.isDone() && !result.isCancelled()) return;
    if (!stopping.compareAndSet(false, true)) return;
    timedOut = timeout;
    long pid = stderr.pid();
    CompletableFuture<Void> killed = pid > 0 ? killGroup(pid) : CompletableFuture.completedFuture(null);
    killed.whenComplete((v, e) -> {
      ChannelExec ch = channel;
      if (ch != null) ch.close(true);
      Duration elapsed = elapsed();
      String note = pid > 0 ? null : "the remote pid was not known yet: channel closed";
      if (timedOut) result.complete(new ActionResult(ActionResult.NO_EXIT, tail.text(), true, elapsed, null));
      else result.complete(new ActionResult(ActionResult.NO_EXIT, tail.text(), false, elapsed,
          "cancelled (node shutting down); remote command killed" + (note == null ? "" : " (" + note + ")")));
    });
  }

  private CompletableFuture<Void> killGroup(long pid) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      ChannelExec kill = session.createExecChannel(RemoteShell.kill(pid));
      kill.setOut(OutputStream.nullOutputStream());
      kill.setErr(OutputStream.nullOutputStream());
      kill.open().addListener(o -> {
        if (!o.isOpened()) {
          log.warn("could not kill remote process group {} on {}: {}", pid, session.getRemoteAddress(),
              SshFailure.reason(o.getException()));
          done.complete(null);
          return;
        }
        closeStdinOf(kill);
        kill.addCloseFutureListener(c -> done.complete(null));
      });
    } catch (IOException | RuntimeException e) {
      log.warn("could not kill remote process group {} on {}: {}", pid, session.getRemoteAddress(), SshFailure.reason(e));
      done.complete(null);
    }
    timer.schedule(() -> done.complete(null), KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    return done;
  }

  private static void closeStdinOf(ChannelExec ch) {
    try {
      OutputStream in = ch.getInvertedIn();
      if (in != null) in.close();
    } catch (IOException e) {
      // the kill still runs; stdin is irrelevant to it
    }
  }

  private Duration elapsed() { return Duration.ofNanos(System.nanoTime() - startNanos); }
}
