package dev.suture.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options (plain {@code --name value} pairs: this module has no picocli). */
record BenchOptions(List<Integer> targets, List<String> databases, long latencyMillis, long jitterMillis, double failureRate,
                    int maxConcurrency, String canary, long seed, String pgUrl, String pgUser, String pgPassword, int poolSize,
                    long timeoutSeconds, int warmup) {

  static final String USAGE = """
      usage: RolloutBenchmark [options]
        --targets 1000,10000,100000   fleet sizes, one rollout each (per database)
        --db h2|postgres|both         where the store lives (default both)
        --latency-ms 5                mean latency of every simulated executor call
        --jitter-ms 0                 each call takes latency ± jitter (uniform)
        --failure-rate 0.0            probability that an apply fails
        --max-concurrency 500         maxConcurrency of the canary and both waves
        --canary 1%                   canary size (count or percentage)
        --seed 42                     seed of the simulated fleet (same seed = same failures)
        --pg-url jdbc:postgresql://127.0.0.1:5432/suture_test
        --pg-user suture --pg-password suture
        --pool-size 8                 JDBC pool size of the store
        --timeout-s 900               give up on a rollout after this long (reported as not finished)
        --warmup 2000                 targets of one unreported rollout first (JIT warm-up); 0 for none
      """;

  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("targets", "1000,10000,100000");
    DEFAULTS.put("db", "both");
    DEFAULTS.put("latency-ms", "5");
    DEFAULTS.put("jitter-ms", "0");
    DEFAULTS.put("failure-rate", "0.0");
    DEFAULTS.put("max-concurrency", "500");
    DEFAULTS.put("canary", "1%");
    DEFAULTS.put("seed", "42");
    DEFAULTS.put("pg-url", "jdbc:postgresql://127.0.0.1:5432/suture_test");
    DEFAULTS.put("pg-user", "suture");
    DEFAULTS.put("pg-password", "suture");
    DEFAULTS.put("pool-size", "8");
    DEFAULTS.put("timeout-s", "900");
    DEFAULTS.put("warmup", "2000");
  }

  static BenchOptions parse(String[] args) {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) throw new UsageException("");
      if (!a.startsWith("--")) throw new UsageException("unexpected argument '" + a + "'");
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (i + 1 >= args.length) throw new UsageException("--" + name + " needs a value");
        value = args[++i];
      }
      if (!DEFAULTS.containsKey(name)) throw new UsageException("unknown option --" + name);
      v.put(name, value);
    }
    try {
      List<Integer> sizes = new ArrayList<>();
      for (String s : v.get("targets").split(",")) sizes.add(Integer.parseInt(s.trim().replace("_", "")));
      if (sizes.stream().anyMatch(n -> n < 1)) throw new UsageException("--targets must be positive");
      List<String> dbs = switch (v.get("db")) {
        case "h2" -> List.of("h2");
        case "postgres", "pg" -> List.of("postgres");
        case "both" -> List.of("h2", "postgres");
        default -> throw new UsageException("--db must be h2, postgres or both");
      };
      return new BenchOptions(sizes, dbs, Long.parseLong(v.get("latency-ms")), Long.parseLong(v.get("jitter-ms")),
          Double.parseDouble(v.get("failure-rate")), Integer.parseInt(v.get("max-concurrency")), v.get("canary"),
          Long.parseLong(v.get("seed")), v.get("pg-url"), v.get("pg-user"), v.get("pg-password"), Integer.parseInt(v.get("pool-size")),
          Long.parseLong(v.get("timeout-s")), Integer.parseInt(v.get("warmup")));
    } catch (NumberFormatException e) {
      throw new UsageException("not a number: " + e.getMessage());
    }
  }

  /** The options as one line, for the report. */
  String describe() {
    return "latency " + latencyMillis + " ms" + (jitterMillis > 0 ? " ± " + jitterMillis + " ms" : "") + ", failure rate " + failureRate
        + ", canary " + canary + ", maxConcurrency " + maxConcurrency + ", seed " + seed + ", pool " + poolSize
        + ", sizes " + Arrays.toString(targets.toArray()) + ", warm-up " + warmup + " targets";
  }

  static final class UsageException extends RuntimeException {
    UsageException(String message) { super(message); }
  }
}
