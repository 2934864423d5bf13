package dev.suture.core.version;

import java.util.ArrayList;
import java.util.List;

/**
 * Semantic Versioning 2.0.0 (semver.org), the ordering OSV's {@code SEMVER} ranges use (npm, crates.io, Go, ...).
 *
 * <p>Parsing is strict, as the spec's BNF (§2, §9, §10) and OSV's schema ("SemVer 2.0.0, with no leading v")
 * require: exactly {@code MAJOR.MINOR.PATCH}, numeric identifiers without leading zeros, non-empty
 * {@code [0-9A-Za-z-]} identifiers, no {@code v} prefix, no whitespace. A lenient parser would quietly order
 * strings that are not SemVer (e.g. {@code 1.2} or {@code v1.2.3}) by guesswork; an advisory that uses them is
 * better rejected and looked at.
 *
 * <p>Precedence (§11): major, minor, patch numerically; a version with a pre-release sorts before the same
 * version without; pre-release identifiers compare left to right, numeric ones numerically, alphanumeric ones
 * in ASCII order, numeric before alphanumeric, and a longer list wins when all shared identifiers are equal.
 * Build metadata (after {@code +}) is validated but ignored (§10).
 *
 * <p>Numbers are kept as digit strings (no leading zeros, so a longer string is a larger number): versions
 * such as {@code 999999999999999999999999999991.0.0} exceed {@code long} and must still compare exactly.
 * Stateless and thread-safe.
 */
public final class SemVerScheme extends ParsingScheme<SemVerScheme.Version> {
  public static final String NAME = "semver";

  /** A parsed SemVer version: the precedence-relevant parts (build metadata kept only for display). */
  public record Version(String major, String minor, String patch, List<String> preRelease, String build)
      implements Comparable<Version> {
    public Version {
      preRelease = List.copyOf(preRelease);
    }

    @Override public int compareTo(Version o) {
      int c = compareNumeric(major, o.major);
      if (c != 0) return c;
      c = compareNumeric(minor, o.minor);
      if (c != 0) return c;
      c = compareNumeric(patch, o.patch);
      if (c != 0) return c;
      // §11.3: a pre-release has lower precedence than the normal version.
      if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
        return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
      }
      int n = Math.min(preRelease.size(), o.preRelease.size());
      for (int i = 0; i < n; i++) {
        c = compareIdentifier(preRelease.get(i), o.preRelease.get(i));
        if (c != 0) return c;
      }
      // §11.4.4: a larger set of pre-release fields has higher precedence when all preceding ones are equal.
      return Integer.compare(preRelease.size(), o.preRelease.size());
    }
  }

  public SemVerScheme() {
  }

  @Override public String name() {
    return NAME;
  }

  /** Parses {@code version}; the result compares by SemVer precedence. */
  @Override public Version parse(String version) {
    if (version == null) throw new InvalidVersionException(NAME, "null", "no version given");
    String why = why(version);
    if (why != null) throw new InvalidVersionException(NAME, version, why);
    int plus = version.indexOf('+');
    String build = plus < 0 ? "" : version.substring(plus + 1);
    String core = plus < 0 ? version : version.substring(0, plus);
    int dash = core.indexOf('-');
    String release = dash < 0 ? core : core.substring(0, dash);
    int d1 = release.indexOf('.');
    int d2 = release.indexOf('.', d1 + 1);
    List<String> pre = new ArrayList<>();
    if (dash >= 0) {
      int start = dash + 1;
      for (int i = start; i <= core.length(); i++) {
        if (i == core.length() || core.charAt(i) == '.') {
          pre.add(core.substring(start, i));
          start = i + 1;
        }
      }
    }
    return new Version(release.substring(0, d1), release.substring(d1 + 1, d2), release.substring(d2 + 1), pre, build);
  }

  /**
   * Null when {@code v} is valid SemVer 2.0.0, else the reason. One pass over the characters, following the
   * spec's BNF: {@code <valid semver> ::= <version core> ["-" <pre-release>] ["+" <build>]}.
   */
  @Override String problem(String version) { return why(version); }

  static String why(String v) {
    if (v.isEmpty()) return "empty";
    int n = v.length();
    int i = 0;
    String[] parts = {"major", "minor", "patch"};
    for (int p = 0; p < 3; p++) {
      int start = i;
      while (i < n && isDigit(v.charAt(i))) i++;
      if (i == start) {
        if (p == 0 && (v.charAt(0) == 'v' || v.charAt(0) == 'V')) {
          return "a 'v' prefix is not part of SemVer 2.0.0";
        }
        return "the " + parts[p] + " version must be a number (MAJOR.MINOR.PATCH)";
      }
      if (i - start > 1 && v.charAt(start) == '0') return "the " + parts[p] + " version has a leading zero";
      if (p < 2) {
        if (i == n || v.charAt(i) != '.') return "the version core must be MAJOR.MINOR.PATCH";
        i++;
      }
    }
    if (i < n && v.charAt(i) == '-') {
      i = identifiers(v, i + 1, true);
      if (i < 0) return IDENTIFIER_ERRORS[-i - 1].replace("%s", "pre-release");
    }
    if (i < n && v.charAt(i) == '+') {
      i = identifiers(v, i + 1, false);
      if (i < 0) return IDENTIFIER_ERRORS[-i - 1].replace("%s", "build metadata");
    }
    if (i < n) {
      char c = v.charAt(i);
      if (c == '.') return "the version core must be exactly MAJOR.MINOR.PATCH";
      return "unexpected character '" + c + "' at position " + (i + 1);
    }
    return null;
  }

  private static final String[] IDENTIFIER_ERRORS = {
      "%s identifiers must not be empty",
      "numeric %s identifiers must not have leading zeros",
  };

  /**
   * Scans dot-separated identifiers of {@code [0-9A-Za-z-]} from {@code i}; returns the index after them (where
   * the caller reports any character left over), or {@code -1} (empty identifier) / {@code -2} (leading zero in a
   * numeric pre-release identifier).
   */
  private static int identifiers(String v, int i, boolean preRelease) {
    int n = v.length();
    while (true) {
      int start = i;
      boolean numeric = true;
      while (i < n && isIdentifierChar(v.charAt(i))) {
        if (!isDigit(v.charAt(i))) numeric = false;
        i++;
      }
      if (i == start) {
        // An empty identifier, unless a character that may not appear at all stands here: name that instead.
        return i == n || v.charAt(i) == '.' || v.charAt(i) == '+' ? -1 : i;
      }
      // §9: numeric identifiers MUST NOT include leading zeroes; build identifiers (§10) may.
      if (preRelease && numeric && i - start > 1 && v.charAt(start) == '0') return -2;
      if (i < n && v.charAt(i) == '.') {
        i++;
        continue;
      }
      return i;
    }
  }

  /** §11.4: numeric identifiers compare numerically and sort before alphanumeric ones, which compare in ASCII. */
  static int compareIdentifier(String a, String b) {
    boolean na = isNumeric(a);
    boolean nb = isNumeric(b);
    if (na && nb) return compareNumeric(a, b);
    if (na != nb) return na ? -1 : 1;
    return a.compareTo(b); // identifiers are ASCII, so UTF-16 order is ASCII order
  }

  /** Digit strings without leading zeros: the longer is larger, equal lengths compare digit by digit. */
  static int compareNumeric(String a, String b) {
    if (a.length() != b.length()) return Integer.compare(a.length(), b.length());
    return a.compareTo(b);
  }

  private static boolean isNumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) return false;
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierChar(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }
}
