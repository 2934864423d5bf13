package dev.suture.bench;

import dev.suture.core.rollout.RolloutState;
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
  private static final String HEADER = String.format(Locale.ROOT, "%-9s %7s %8s %8s %7s %11s %8s %9s %7s %8s %-14s %-16s %s",
      "db", "targets", "insert-s", "create-s", "wall-s", "transitions", "trans/s", "targets/s", "commits", "peak-MiB",
      "cpu-jvm/pg/oth", "result", "verified");

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
    if (options.warmup() > 0) {
      // The first rollout in a JVM runs mostly interpreted; without this, whichever size runs first looks slow.
      BenchRun.Result w = new BenchRun(options, options.databases().get(0), options.warmup()).run();
      System.out.println("# warm-up (not reported): " + row(w).trim());
    }
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
    var cpu = r.cpu();
    String cores = cpu.known() ? String.format(Locale.ROOT, "%.2f/%.2f/%.2f", cpu.jvmCores(), cpu.postgresCores(), cpu.otherCores()) : "?";
    String line = String.format(Locale.ROOT, "%-9s %7d %8.1f %8.1f %7s %11d %8s %9s %7d %8d %-14s %-16s %s",
        r.db(), r.targets(), r.insertMillis() / 1000.0, r.createMillis() / 1000.0,
        r.finished() ? String.format(Locale.ROOT, "%.1f", r.wallMillis() / 1000.0) : "DNF",
        r.rows(), r.finished() ? String.format(Locale.ROOT, "%.0f", r.transitionsPerSecond()) : "-",
        // targets/s only means something when every target was patched
        r.finished() && r.state() == RolloutState.SUCCEEDED ? String.format(Locale.ROOT, "%.0f", r.targets() * 1000.0 / r.wallMillis()) : "-",
        r.batches(), r.peakHeapBytes() >> 20, cores, r.state(), verified);
    String detail = String.format(Locale.ROOT, "  [%s; store.create %.1f s, targets read %.1f s; %.1f s in saveTargets, "
        + "largest commit %d rows; load avg %.2f]", states, r.storeCreateMillis() / 1000.0, r.readTargetsMillis() / 1000.0,
        r.saveMillis() / 1000.0, r.largestBatch(), r.loadAverage());
    return line + detail + (r.note().isEmpty() ? "" : "  " + r.note());
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
