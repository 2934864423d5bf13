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
   * Samples a process tree: every {@code period} the sum of RSS over the root and all its
   * descendants (cheap: {@code /proc/PID/statm}), and every {@value #PSS_EVERY}th time the sum of
   * PSS (proportional set size: a page shared by k processes counts 1/k in each, so the sum is
   * what the tree costs the machine; RSS counts shared pages once per process). PSS comes from
   * {@code /proc/PID/smaps_rollup}, which walks the page tables: reading it for a few hundred
   * processes several times a second would itself take a noticeable share of two cores, which is
   * why it is read less often. Keeps the peaks.
   */
  static final class TreeMemory implements AutoCloseable {
    static final int PSS_EVERY = 10;
    private static final long PAGE_KB = 4;
    private final ProcessHandle root;
    private final Thread thread;
    private volatile boolean stop;
    private volatile long peakPssKb;
    private volatile long peakRssKb;
    private volatile int peakProcesses;
    private volatile long samplerCpuNanos;

    TreeMemory(ProcessHandle root, Duration period) {
      this.root = root;
      this.thread = new Thread(() -> {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; !stop; i++) {
          sample(i % PSS_EVERY == 0);
          samplerCpuNanos = bean.getCurrentThreadCpuTime();
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

    private void sample(boolean pss) {
      List<ProcessHandle> all = new ArrayList<>();
      all.add(root);
      root.descendants().forEach(all::add);
      long pssSum = 0, rssSum = 0;
      int n = 0;
      for (ProcessHandle h : all) {
        long rss = rssKb(h.pid());
        if (rss < 0) continue;
        rssSum += rss;
        n++;
        if (pss) pssSum += Math.max(0, pssKb(h.pid()));
      }
      if (pss && pssSum > peakPssKb) peakPssKb = pssSum;
      if (rssSum > peakRssKb) peakRssKb = rssSum;
      if (n > peakProcesses) peakProcesses = n;
    }

    private static long rssKb(long pid) {
      try {
        return Long.parseLong(Files.readString(Path.of("/proc/" + pid + "/statm")).trim().split("\\s+")[1]) * PAGE_KB;
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    private static long pssKb(long pid) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
          if (line.startsWith("Pss:")) return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
        }
        return -1;
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    long peakPssKb() { return peakPssKb; }

    long peakRssKb() { return peakRssKb; }

    int peakProcesses() { return peakProcesses; }

    /** CPU time the sampler thread itself used (it runs on the same two cores as the benchmark). */
    double samplerCpuSeconds() { return samplerCpuNanos / 1e9; }

    @Override public void close() throws InterruptedException {
      stop = true;
      thread.interrupt();
      thread.join(2000);
    }
  }
}
