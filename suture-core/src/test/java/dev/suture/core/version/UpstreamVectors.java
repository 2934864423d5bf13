package dev.suture.core.version;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an upstream vector file ({@code /versions/<file>} on the test class path, parsed by
 * {@link VersionVectors#load}) and checks a scheme against every line in both directions, collecting every failure so one run shows
 * them all. Lines Suture deliberately answers differently are passed in as {@link Deviation}s: they are checked
 * against Suture's documented answer (never skipped), and a deviation that no longer matches a line is reported
 * as stale.
 */
final class UpstreamVectors {
  /** Suture's documented answer for one vector line: {@code <}, {@code =}, {@code >} or {@link #INVALID}. */
  record Deviation(String line, String sutureAnswer, String reason) {}

  static final String INVALID = "invalid";

  /** The outcome of one file: lines that agree with the vector, lines that follow a deviation, and failures. */
  record Result(String file, int lines, int agreeing, int deviating, List<String> failures) {
    String summary() {
      return file + ": " + agreeing + "/" + lines + " agree with the vector, " + deviating + " documented deviations";
    }
  }

  private UpstreamVectors() {
  }

  static Result check(String file, VersionScheme scheme, List<Deviation> deviations) {
    Map<String, Deviation> byLine = new LinkedHashMap<>();
    for (Deviation d : deviations) byLine.put(d.line(), d);
    Map<String, Integer> used = new HashMap<>();
    List<String> failures = new ArrayList<>();
    int agreeing = 0;
    int deviating = 0;
    // One parser for every vector file (VersionVectors.load): sections, trailing comments, line numbers.
    List<VersionVectors.Vector> vectors = VersionVectors.load(file);
    for (VersionVectors.Vector v : vectors) {
      String text = v.text();
      Deviation d = byLine.get(text);
      String expected = d == null ? v.op() : d.sutureAnswer();
      String forward = answer(scheme, v.a(), v.b());
      String backward = answer(scheme, v.b(), v.a());
      String problem = null;
      if (!forward.equals(expected)) {
        problem = "got " + forward;
      } else if (!backward.equals(reverse(expected))) {
        problem = "reversed (" + v.b() + " ? " + v.a() + ") got " + backward;
      }
      if (problem != null) {
        failures.add(file + ":" + v.line() + ": " + text + (d == null ? "" : " [deviation: expected " + expected + "]")
            + " -> " + problem);
      } else if (d == null) {
        agreeing++;
      } else {
        deviating++;
        used.merge(text, 1, Integer::sum);
      }
    }
    for (String line : byLine.keySet()) {
      if (!used.containsKey(line)) failures.add(file + ": deviation matches no line (stale?): " + line);
    }
    return new Result(file, vectors.size(), agreeing, deviating, failures);
  }

  private static String answer(VersionScheme scheme, String a, String b) {
    try {
      int c = scheme.compare(a, b);
      return c < 0 ? "<" : c > 0 ? ">" : "=";
    } catch (InvalidVersionException e) {
      return INVALID;
    }
  }

  private static String reverse(String op) {
    switch (op) {
      case "<": return ">";
      case ">": return "<";
      default: return op;
    }
  }
}
