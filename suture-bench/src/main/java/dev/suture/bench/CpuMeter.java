package dev.suture.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a run: this JVM, the PostgreSQL server processes, and
 * everything else. "Everything else" is what tells a clean measurement from one taken while a
 * build ran next to it. Linux only (/proc); elsewhere the figures read as unknown (-1).
 */
public final class CpuMeter {
  /** USER_HZ: /proc reports clock ticks of 1/100 s on every Linux this runs on. */
  private static final double TICK_SECONDS = 0.01;

  /** {@code postgres}: CPU ticks per postgres process id (empty when /proc cannot be read). */
  public record Sample(long nanos, double hostBusy, double jvm, Map<Long, Long> postgres) {}

  public record Usage(double jvmCores, double postgresCores, double otherCores) {
    public boolean known() { return jvmCores >= 0 && otherCores >= 0; }
  }

  private CpuMeter() {}

  public static Sample sample() {
    return new Sample(System.nanoTime(), hostBusySeconds(), jvmSeconds(), postgresTicks());
  }

  /** Average cores busy between two samples (e.g. 1.5 = one and a half cores). */
  public static Usage between(Sample a, Sample b) {
    double wall = (b.nanos - a.nanos) / 1e9;
    if (wall <= 0 || a.hostBusy < 0 || b.hostBusy < 0) return new Usage(-1, -1, -1);
    double host = (b.hostBusy - a.hostBusy) / wall;
    double jvm = (b.jvm - a.jvm) / wall;
    // Per process: a backend that ended during the run is missed (undercounted), never negative.
    long pgTicks = 0;
    for (var e : b.postgres.entrySet()) pgTicks += e.getValue() - Math.min(e.getValue(), a.postgres.getOrDefault(e.getKey(), 0L));
    double pg = pgTicks * TICK_SECONDS / wall;
    return new Usage(jvm, pg, Math.max(0, host - jvm - pg));
  }

  private static double jvmSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
      return os.getProcessCpuTime() / 1e9;
    return -1;
  }

  /** Busy time of all cores since boot, from the first line of /proc/stat. */
  private static double hostBusySeconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy
      for (int i = 1; i <= 8 && i < f.length; i++) if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
      return busy * TICK_SECONDS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** utime + stime of every process named "postgres" (server and backends) visible in /proc. */
  private static Map<Long, Long> postgresTicks() {
    Map<Long, Long> out = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
        long ticks = postgresTicks(p);
        if (ticks > 0) out.put(Long.parseLong(p.getFileName().toString()), ticks);
      });
    } catch (IOException | RuntimeException e) {
      // not Linux: PostgreSQL's share is counted as "other"
    }
    return out;
  }

  private static long postgresTicks(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      if (!stat.substring(open + 1, close).equals("postgres")) return 0;
      String[] f = stat.substring(close + 2).split(" ");
      // after "(comm) ": state is field 0, utime field 11, stime field 12 (fields 14 and 15 of proc(5))
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0; // the process ended meanwhile
    }
  }
}
