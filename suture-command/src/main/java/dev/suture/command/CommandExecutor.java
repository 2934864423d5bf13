package dev.suture.command;

import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executor type {@code command}: runs argv as a local child process, never through a shell.
 * The timeout is enforced here by killing the whole process tree.
 */
public final class CommandExecutor implements TargetExecutor {
  // Same as ssh: a compressed package listing for the inventory (about 3,500 dpkg rows) must fit.
  static final int TAIL_BYTES = 64 * 1024;
  static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);
  /** How long to wait for output still in flight after the command exited. */
  static final Duration DRAIN_WAIT = Duration.ofSeconds(1);
  /** Start instants are derived from clock ticks and boot time; allow for rounding. */
  static final Duration PID_REUSE_TOLERANCE = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);
  private static final Pattern ERRNO_PREFIX = Pattern.compile("^error=\\d+,\\s*");
  private static final File NULL_DEVICE =
      new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");

  private final Duration killGrace;

  public CommandExecutor() { this(DEFAULT_KILL_GRACE); }

  /** @param killGrace time between SIGTERM and SIGKILL when a tree is killed */
  public CommandExecutor(Duration killGrace) {
    this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
  }

  @Override public String type() { return "command"; }

  @Override
  public ActionResult run(ActionRequest request, Consumer<ProcessRef> started) throws InterruptedException {
    Duration timeout = Objects.requireNonNull(request.timeout(), "request.timeout");
    Objects.requireNonNull(started, "started");
    long t0 = System.nanoTime();
    // Never start a side effect for a caller that has already been told to stop.
    if (Thread.currentThread().isInterrupted()) throw new InterruptedException("interrupted before " + request.key() + " started");
    Process process;
    try {
      process = builder(request).start();
    } catch (IOException e) {
      return ActionResult.failed(cannotRun(request.argv().get(0), e), since(t0));
    }
    ProcessHandle handle = process.toHandle();
    OutputPump pump = OutputPump.start(process.getInputStream(), TAIL_BYTES, "suture-cmd-output-" + process.pid());
    try {
      started.accept(new ProcessRef(process.pid(), handle.info().startInstant().orElseGet(Instant::now)));
      if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        return new ActionResult(process.exitValue(), pump.awaitTail(DRAIN_WAIT), false, since(t0), null);
      }
      log.warn("action {} exceeded its timeout of {} ms; killing pid {} and its descendants",
          request.key(), timeout.toMillis(), process.pid());
      ProcessTree.kill(handle, killGrace);
      return new ActionResult(ActionResult.NO_EXIT, pump.awaitTail(DRAIN_WAIT), true, since(t0), null);
    } catch (InterruptedException e) {
      log.info("action {} interrupted; killing pid {} and its descendants", request.key(), process.pid());
      ProcessTree.kill(handle, killGrace);
      // Our own child: Process reliably reports its end (ProcessHandle may miss a just-spawned one).
      if (process.isAlive()) process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw e;
    } catch (RuntimeException | Error e) {
      // Nobody would wait for the process after this, so it must not outlive the call.
      ProcessTree.kill(handle, killGrace);
      throw e;
    }
  }

  /**
   * Waits for a process started by an earlier incarnation of this node. The exit code of a
   * process that is not our child cannot be read, so the result carries
   * {@link ActionResult#NO_EXIT}, no error and the output "adopted process PID ended": the
   * caller must probe the target's version to learn whether the action succeeded.
   */
  @Override
  public Optional<ActionResult> adopt(ProcessRef ref, Duration remaining) throws InterruptedException {
    Optional<ProcessHandle> found = ProcessHandle.of(ref.pid()).filter(ProcessTree::isRunning);
    if (found.isEmpty()) {
      log.info("pid {} is no longer running; nothing to adopt", ref.pid());
      return Optional.empty();
    }
    ProcessHandle handle = found.get();
    Optional<Instant> actual = handle.info().startInstant();
    if (actual.isEmpty() || Duration.between(actual.get(), ref.startedAt()).abs().compareTo(PID_REUSE_TOLERANCE) > 0) {
      // Expected after a reboot or a long outage: the pid was recycled by an unrelated process.
      log.info("pid {} now belongs to a process started at {}, not {}; the recorded process is gone",
          ref.pid(), actual.orElse(null), ref.startedAt());
      return Optional.empty();
    }
    try {
      if (ProcessTree.awaitExit(handle, remaining)) {
        return Optional.of(new ActionResult(ActionResult.NO_EXIT, "adopted process " + ref.pid() + " ended",
            false, sinceStart(ref), null));
      }
      log.warn("adopted pid {} still running after {} ms; killing it and its descendants", ref.pid(), remaining.toMillis());
      ProcessTree.kill(handle, killGrace);
      return Optional.of(new ActionResult(ActionResult.NO_EXIT, "adopted process " + ref.pid() + " killed",
          true, sinceStart(ref), null));
    } catch (InterruptedException e) {
      ProcessTree.kill(handle, killGrace);
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  private static ProcessBuilder builder(ActionRequest request) {
    ProcessBuilder pb = new ProcessBuilder(request.argv())
        .redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE))
        .redirectErrorStream(true);
    pb.environment().put("SUTURE_ACTION_KEY", request.key().toString());
    pb.environment().put("SUTURE_TARGET", request.target().name());
    return pb;
  }

  /** "Cannot run program "x": error=2, No such file or directory" → "cannot run 'x': No such file or directory". */
  static String cannotRun(String program, IOException e) {
    String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
    Matcher m = ERRNO_PREFIX.matcher(reason == null ? e.toString() : reason);
    return "cannot run '" + program + "': " + m.replaceFirst("");
  }

  private static Duration since(long t0) { return Duration.ofNanos(System.nanoTime() - t0); }

  private static Duration sinceStart(ProcessRef ref) {
    Duration d = Duration.between(ref.startedAt(), Instant.now());
    return d.isNegative() ? Duration.ZERO : d;
  }
}
