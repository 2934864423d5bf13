package dev.suture.bench.vuln;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** `--name value` options over defaults, for the matching benchmarks: an unknown name or a missing value exits 2 with the usage. */
final class BenchOptions {
  private BenchOptions() {}

  /** The options, or empty when help was asked for (the usage is then printed). */
  static Optional<Map<String, String>> parse(String[] args, Map<String, String> defaults, String usage) {
    Map<String, String> o = new LinkedHashMap<>(defaults);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.print(usage);
        return Optional.empty();
      }
      if (!a.startsWith("--") || !o.containsKey(a.substring(2)) || i + 1 >= args.length) {
        System.err.print("bad argument '" + a + "'\n" + usage);
        System.exit(2);
      }
      o.put(a.substring(2), args[++i]);
    }
    return Optional.of(o);
  }
}
