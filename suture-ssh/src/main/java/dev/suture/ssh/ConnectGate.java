package dev.suture.ssh;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Caps how many SSH handshakes run at once. A thousand simultaneous key exchanges on a small
 * control node (and a thousand forks of sshd on the far side, if the targets share a jump host)
 * only make every one of them slow enough to time out; queued connects start as earlier ones
 * finish, and their connect timeout starts when they do. Nothing blocks: waiting connects are
 * queued callbacks.
 */
final class ConnectGate {
  private final int max;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int active;

  ConnectGate(int max) {
    if (max < 1) throw new IllegalArgumentException("max concurrent handshakes must be at least 1");
    this.max = max;
  }

  /** Runs {@code start} now or once a slot frees; the caller must {@link #release} exactly once after it. */
  void submit(Runnable start) {
    synchronized (this) {
      if (active >= max) {
        waiting.add(start);
        return;
      }
      active++;
    }
    start.run();
  }

  void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) active--;
    }
    if (next != null) next.run();
  }

  synchronized int queued() { return waiting.size(); }
}
