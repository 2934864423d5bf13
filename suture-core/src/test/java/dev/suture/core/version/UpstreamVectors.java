package dev.suture.core.version;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an upstream vector file ({@code /versions/<file>} on the test class path: lines {@code A op B}, {@code #}
 * comments) and checks a scheme against every line in both directions, collecting every failure so one run shows
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
    int lines = 0;
    int agreeing = 0;
    int deviating = 0;
    int number = 0;
    try (BufferedReader in = open(file)) {
      for (String raw; (raw = in.readLine()) != null; ) {
        number++;
        String text = raw.strip();
        if (text.isEmpty() || text.startsWith("#")) continue;
        String[] f = text.split(" ");
        if (f.length != 3 || !(f[1].equals("<") || f[1].equals("=") || f[1].equals(">"))) {
          failures.add(file + ":" + number + ": not 'A op B': " + text);
          continue;
        }
        lines++;
        Deviation d = byLine.get(text);
        String expected = d == null ? f[1] : d.sutureAnswer();
        String forward = answer(scheme, f[0], f[2]);
        String backward = answer(scheme, f[2], f[0]);
        String problem = null;
        if (!forward.equals(expected)) {
          problem = "got " + forward;
        } else if (!backward.equals(reverse(expected))) {
          problem = "reversed (" + f[2] + " ? " + f[0] + ") got " + backward;
        }
        if (problem != null) {
          failures.add(file + ":" + number + ": " + text + (d == null ? "" : " [deviation: expected " + expected + "]")
              + " -> " + problem);
        } else if (d == null) {
          agreeing++;
        } else {
          deviating++;
          used.merge(text, 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String line : byLine.keySet()) {
      if (!used.containsKey(line)) failures.add(file + ": deviation matches no line (stale?): " + line);
    }
    return new Result(file, lines, agreeing, deviating, failures);
  }

  private static BufferedReader open(String file) {
    InputStream s = UpstreamVectors.class.getResourceAsStream("/versions/" + file);
    if (s == null) throw new IllegalStateException("no /versions/" + file + " on the test class path");
    return new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8));
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
