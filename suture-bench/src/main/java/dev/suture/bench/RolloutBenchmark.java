package dev.suture.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whole-engine benchmark: for each fleet size and database, one rollout (canary + 2 waves) of a
 * patch through the real engine and the real JDBC store, against an in-process simulated fleet.
 * Prints wall time (create → terminal state committed), durable target transitions per second,
 * and peak heap; checks afterwards that every target ended as the outcome says and was patched
 * at most once. Not a timed test: a human reads the table.
 */
public final class RolloutBenchmark {
  private static final String HEADER = String.format(Locale.ROOT, "%-9s %8s %9s %8s %9s %12s %9s %9s %8s %9s %-16s %s",
      "db", "targets", "insert-s", "create-s", "wall-s", "transitions", "trans/s", "targets/s", "commits", "peak-MiB", "result",
      "verified");

  private RolloutBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (BenchOptions.UsageException e) {
      if (!e.getMessage().isEmpty()) System.err.println("error: " + e.getMessage());
      System.err.print(BenchOptions.USAGE);
      System.exit(e.getMessage().isEmpty() ? 0 : 2);
      return;
    }
    System.out.println("# machine: " + machine());
    System.out.println("# options: " + options.describe());
    List<BenchRun.Result> results = new ArrayList<>();
    boolean allOk = true;
    for (String db : options.databases()) {
      for (int n : options.targets()) {
        BenchRun.Result r = new BenchRun(options, db, n).run();
        results.add(r);
        allOk &= r.finished() && r.problems().isEmpty();
        System.out.println(HEADER);
        System.out.println(row(r));
        System.out.flush();
      }
    }
    System.out.println();
    System.out.println("# summary");
    System.out.println(HEADER);
    results.forEach(r -> System.out.println(row(r)));
    System.exit(allOk ? 0 : 1);
  }

  static String row(BenchRun.Result r) {
    String verified = !r.finished() ? "-" : r.problems().isEmpty() ? "ok" : "PROBLEMS: " + String.join("; ", r.problems());
    String states = r.counts().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    String line = String.format(Locale.ROOT, "%-9s %8d %9.1f %8.1f %9s %12d %9s %9s %8d %9d %-16s %s  [%s; largest commit %d rows; %.1f s in saveTargets]",
        r.db(), r.targets(), r.insertMillis() / 1000.0, r.createMillis() / 1000.0,
        r.finished() ? String.format(Locale.ROOT, "%.1f", r.wallMillis() / 1000.0) : "DNF",
        r.rows(), r.finished() ? String.format(Locale.ROOT, "%.0f", r.transitionsPerSecond()) : "-",
        r.finished() ? String.format(Locale.ROOT, "%.0f", r.targets() * 1000.0 / r.wallMillis()) : "-",
        r.batches(), r.peakHeapBytes() >> 20, r.state(), verified, states, r.largestBatch(), r.saveMillis() / 1000.0);
    return r.note().isEmpty() ? line : line + "  " + r.note();
  }

  /** Cores, memory, CPU model and the JVM, i.e. what {@code java -version} and /proc say. */
  static String machine() {
    Runtime rt = Runtime.getRuntime();
    long ram = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) ram = os.getTotalMemorySize();
    return rt.availableProcessors() + " cores (" + cpuModel() + "), " + (ram >> 30) + " GiB RAM, "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
        + System.getProperty("java.vm.vendor") + "), max heap " + (rt.maxMemory() >> 20) + " MiB, GC "
        + ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName()).collect(Collectors.joining("/")) + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }
}
