package dev.suture.bench.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Figures from {@code /proc} (Linux only) that GNU time does not give: the CPU time of the whole
 * machine (to tell how much went to other processes), and the sum of the memory of a process tree
 * (GNU time reports only the largest single process). See {@link CpuGroup} for the CPU time of the
 * fake hosts' side.
 */
final class ProcMeter {
  /** USER_HZ: /proc reports clock ticks of 1/100 s on every Linux this runs on. */
  static final double TICK_SECONDS = 0.01;

  private ProcMeter() {}

  /** Waits until {@code pid} has no child processes (all connections to sshd ended and reaped). */
  static boolean awaitNoChildren(long pid, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      var h = ProcessHandle.of(pid);
      if (h.isEmpty() || h.get().children().findAny().isEmpty()) return true;
      Thread.sleep(50);
    }
    return false;
  }

  /** Busy time of all cores since boot (everything but idle and iowait), from /proc/stat. */
  static double machineBusySeconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i <= 8 && i < f.length; i++) if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
      return busy * TICK_SECONDS;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static double loadAverage1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Samples a process tree every {@code period}: the sum of PSS (proportional set size: shared
   * pages split between the processes sharing them, so the sum is what the tree costs the
   * machine) and of RSS over the root and all its descendants, keeping the peaks.
   */
  static final class TreeMemory implements AutoCloseable {
    private final ProcessHandle root;
    private final Thread thread;
    private volatile boolean stop;
    private volatile long peakPssKb;
    private volatile long peakRssKb;
    private volatile int peakProcesses;

    TreeMemory(ProcessHandle root, Duration period) {
      this.root = root;
      this.thread = new Thread(() -> {
        while (!stop) {
          sample();
          try {
            TimeUnit.MILLISECONDS.sleep(period.toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "tree-memory");
      thread.setDaemon(true);
      thread.start();
    }

    private void sample() {
      List<ProcessHandle> all = new ArrayList<>();
      all.add(root);
      root.descendants().forEach(all::add);
      long pss = 0, rss = 0;
      int n = 0;
      for (ProcessHandle h : all) {
        long[] m = rollup(h.pid());
        if (m == null) continue;
        pss += m[0];
        rss += m[1];
        n++;
      }
      if (pss > peakPssKb) peakPssKb = pss;
      if (rss > peakRssKb) peakRssKb = rss;
      if (n > peakProcesses) peakProcesses = n;
    }

    /** {Pss kB, Rss kB} from /proc/PID/smaps_rollup, or null when the process is gone. */
    private static long[] rollup(long pid) {
      try {
        long pss = 0, rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
          if (line.startsWith("Pss:")) pss = kb(line);
          else if (line.startsWith("Rss:")) rss = kb(line);
        }
        return new long[] {pss, rss};
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    private static long kb(String line) {
      String[] f = line.trim().split("\\s+");
      return Long.parseLong(f[1]);
    }

    long peakPssKb() { return peakPssKb; }

    long peakRssKb() { return peakRssKb; }

    int peakProcesses() { return peakProcesses; }

    @Override public void close() throws InterruptedException {
      stop = true;
      thread.interrupt();
      thread.join(2000);
      sample();
    }
  }
}
