package dev.suture.command;

import dev.suture.core.port.OutputTail;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a child's merged stdout+stderr on its own thread so the child can never block on a full
 * pipe, keeping only the tail.
 */
final class OutputPump implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(OutputPump.class);

  private final InputStream in;
  private final OutputTail tail;
  private final Thread thread;

  private OutputPump(InputStream in, int capacity, String threadName) {
    this.in = in;
    this.tail = new OutputTail(capacity);
    this.thread = new Thread(this, threadName);
    // Daemon: a descendant that keeps the pipe open must not keep the JVM alive.
    this.thread.setDaemon(true);
  }

  static OutputPump start(InputStream in, int capacity, String threadName) {
    OutputPump pump = new OutputPump(in, capacity, threadName);
    pump.thread.start();
    return pump;
  }

  @Override public void run() {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) tail.append(buf, 0, n);
    } catch (IOException e) {
      // Expected when the stream is closed under us; the tail read so far is still valid.
      log.debug("output pipe closed early: {}", e.toString());
    }
  }

  /**
   * Waits for end-of-output, at most {@code max}, then returns the tail read so far. The pipe
   * stays open as long as any descendant holds it (a daemon started by an init script, say),
   * which is why this wait is bounded: the command's own exit is what we report.
   */
  String awaitTail(Duration max) throws InterruptedException {
    thread.join(Math.max(1, max.toMillis()));
    if (thread.isAlive()) {
      log.info("output pipe still held open after the command ended (a background process it started?); "
          + "returning the {} bytes read so far", tail.totalBytes());
    }
    return tail.text();
  }
}
