package dev.suture.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Killing and watching local process trees. */
final class ProcessTree {
  private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);
  private static final long POLL_MS = 50;

  private ProcessTree() {}

  /**
   * True while the process runs. A zombie (exited, not yet reaped) counts as gone: killed orphans
   * are re-parented to PID 1, and when PID 1 does not reap (a container without an init, or the
   * JVM itself as PID 1) {@link ProcessHandle#isAlive()} would report them alive forever.
   */
  static boolean isRunning(ProcessHandle handle) {
    return handle.isAlive() && !isZombie(handle.pid());
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Format: "pid (comm) S ..."; comm may contain spaces and parentheses, so scan from the last ')'.
      int close = stat.lastIndexOf(')');
      return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false; // no /proc (not Linux) or the process vanished: isAlive() decides
    }
  }

  /**
   * Kills {@code root} and all its descendants: SIGTERM to the root first, then down the tree
   * (parents before children), so that no parent outlives its child: a shell whose child died
   * first would go on to its next command (`sleep 2; touch x` would touch x). After
   * {@code grace}, SIGKILL to whatever still runs. The descendant list is taken before the root
   * dies because orphans are re-parented and can no longer be found from it. Uninterruptible on
   * purpose: it runs on the interrupt path, and a half-done kill would leave processes behind;
   * an interrupt arriving meanwhile is restored on return.
   */
  static void kill(ProcessHandle root, Duration grace) {
    Set<ProcessHandle> victims = new LinkedHashSet<>();
    signal(root, victims, false);
    // Second pass: children forked between the snapshot and the signals.
    for (ProcessHandle h : List.copyOf(victims)) if (isRunning(h)) signal(h, victims, false);
    boolean interrupted = awaitAllGone(victims, grace);
    List<ProcessHandle> survivors = victims.stream().filter(ProcessTree::isRunning).toList();
    if (!survivors.isEmpty()) {
      log.info("{} process(es) ignored SIGTERM for {} ms; sending SIGKILL", survivors.size(), grace.toMillis());
      for (ProcessHandle h : survivors) signal(h, victims, true);
      interrupted |= awaitAllGone(victims, grace);
    }
    victims.stream().filter(ProcessTree::isRunning).forEach(h ->
        log.warn("pid {} survived SIGKILL (uninterruptible sleep?); it is left running", h.pid()));
    if (interrupted) Thread.currentThread().interrupt();
  }

  private static void signal(ProcessHandle root, Set<ProcessHandle> seen, boolean force) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    tree.addAll(root.descendants().toList()); // parents before their children, taken before anyone dies
    for (ProcessHandle h : tree) {
      seen.add(h);
      boolean sent = force ? h.destroyForcibly() : h.destroy();
      if (!sent && isRunning(h)) log.debug("could not signal pid {}", h.pid());
    }
  }

  /** Polls until none runs or the grace period ends; returns whether an interrupt was absorbed. */
  private static boolean awaitAllGone(Set<ProcessHandle> handles, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    boolean interrupted = false;
    while (handles.stream().anyMatch(ProcessTree::isRunning) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        interrupted = true; // restored by kill(); the grace period still bounds this loop
      }
    }
    return interrupted;
  }

  /**
   * Waits up to {@code timeout} for a process that may not be our child. Polls rather than using
   * {@link ProcessHandle#onExit()}: for a non-child the JDK polls too (with up to 5 s latency)
   * and never completes for an unreaped zombie.
   */
  static boolean awaitExit(ProcessHandle handle, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning(handle)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      Thread.sleep(Math.min(POLL_MS * 2, Math.max(1, left / 1_000_000)));
    }
    return true;
  }
}
