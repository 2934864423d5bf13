package dev.suture.core.version;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntBiFunction;

/**
 * Reads the upstream vector files in test resources {@code /versions/} (format {@code A op B}, '#'
 * comments, '## [Sx]' section headers, a trailing {@code   # ...} comment allowed) and checks every
 * line in both directions, collecting every failure with its line number so that one run shows
 * all of them.
 */
final class VersionVectors {
  private VersionVectors() {}

  /** One comparison line; {@code section} is the latest '## [..]' tag above it, e.g. "R1". */
  record Vector(int line, String a, String op, String b, String section) {
    int expected() {
      return op.equals("<") ? -1 : op.equals(">") ? 1 : 0;
    }

    /** The comparison as written, "a op b": the key of a listed deviation. */
    String text() {
      return a + " " + op + " " + b;
    }

    @Override
    public String toString() {
      return "line " + line + ": " + text();
    }
  }

  /** What a check found: how many lines passed, and one message per failing line. */
  record Result(int checked, int passed, List<String> failures) {}

  static List<Vector> load(String file) {
    List<Vector> vectors = new ArrayList<>();
    InputStream in = VersionVectors.class.getResourceAsStream("/versions/" + file);
    if (in == null) throw new IllegalStateException("no test resource /versions/" + file);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String section = "";
      int n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        String t = line.strip();
        if (t.startsWith("## [")) {
          section = t.substring(4, t.indexOf(']'));
          continue;
        }
        if (t.isEmpty() || t.startsWith("#")) continue;
        int comment = t.indexOf(" #");
        if (comment >= 0) t = t.substring(0, comment).strip();
        String[] parts = t.split("\\s+");
        if (parts.length != 3 || !(parts[1].equals("<") || parts[1].equals("=") || parts[1].equals(">"))) {
          throw new IllegalStateException(file + " line " + n + ": not 'A op B': " + line);
        }
        vectors.add(new Vector(n, parts[0], parts[1], parts[2], section));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return vectors;
  }

  /**
   * Checks each vector as {@code a op b} and {@code b op' a}. Lines in {@code deviations} ("a op b"
   * as written, to the reason) are expected to FAIL as written: one that passes is reported too, so the
   * list of deviations cannot go stale.
   */
  static Result check(String file, ToIntBiFunction<String, String> cmp, Map<String, String> deviations) {
    return check(file, load(file), cmp, deviations);
  }

  static Result check(String file, List<Vector> vectors, ToIntBiFunction<String, String> cmp,
      Map<String, String> deviations) {
    List<String> failures = new ArrayList<>();
    int passed = 0;
    for (Vector v : vectors) {
      String got;
      try {
        int forward = Integer.signum(cmp.applyAsInt(v.a(), v.b()));
        int backward = Integer.signum(cmp.applyAsInt(v.b(), v.a()));
        got = forward == v.expected() && backward == -v.expected()
            ? null
            : "got " + forward + " forward, " + backward + " backward";
      } catch (RuntimeException e) {
        got = "threw " + e;
      }
      boolean deviation = deviations.containsKey(v.text());
      if (got == null && !deviation) {
        passed++;
      } else if (got == null) {
        failures.add(file + " " + v + ": listed as a deviation (" + deviations.get(v.text())
            + ") but passes");
      } else if (!deviation) {
        failures.add(file + " " + v + ": " + got);
      }
    }
    for (String key : deviations.keySet()) {
      if (vectors.stream().noneMatch(v -> v.text().equals(key))) {
        failures.add(file + ": listed deviation '" + key + "' matches no line");
      }
    }
    return new Result(vectors.size(), passed, failures);
  }
}
