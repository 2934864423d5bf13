package dev.suture.core.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PEP 440 (PyPI) version ordering, exactly as pypa/packaging's {@code packaging.version.Version} does it
 * (checked against packaging 26.2): the same accepted spellings and the same sort key ({@code _cmpkey}).
 *
 * <p>Accepted: what packaging's {@code VERSION_PATTERN} fully matches (case-insensitive), surrounded by optional
 * whitespace: {@code [v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]} with the alternate spellings packaging
 * normalises: {@code alpha}=a, {@code beta}=b, {@code c|pre|preview}=rc, {@code rev|r}=post, the implicit post
 * release {@code 1.0-1}, an implicit 0 when a number is left out ({@code 1.0a} = {@code 1.0a0}), and one optional
 * separator ({@code . _ -}) before and after each pre, post and dev label. Anything else is rejected, as
 * packaging raises InvalidVersion (packaging before 22 fell back to "LegacyVersion" ordering; that is gone).
 *
 * <p>Order ({@code _cmpkey}): epoch; release with trailing zeros dropped ({@code 1.0 == 1.0.0}); then dev-only
 * releases ({@code 1.0.dev1}) &lt; a &lt; b &lt; rc &lt; final, each by number; no post &lt; post by number; dev
 * &lt; no dev; no local &lt; local, local labels segment by segment with strings (lower-cased, compared by code
 * point) before numbers, numbers numerically, a longer label winning a tie.
 *
 * <p>The parser is a hand-written single pass that mirrors the regex: packaging's pattern uses possessive
 * quantifiers, so its first (greedy) match of each optional group is final, and a left-to-right scan that commits
 * to each group reproduces it. Numbers are kept as digit strings without leading zeros (Python ints are
 * unbounded; Java longs are not). Stateless and thread-safe.
 */
public final class Pep440Scheme extends ParsingScheme<Pep440Scheme.Version> {
  public static final String NAME = "pep440";

  private static final String[] PRE_LABELS = {"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"};
  private static final String[] POST_LABELS = {"post", "rev", "r"};

  /**
   * A parsed version with packaging's normalisation applied: numbers without leading zeros, {@code preLabel} one
   * of {@code a}, {@code b}, {@code rc} (or null), {@code post}/{@code dev} null when absent, {@code local}
   * lower-cased segments, all-digit ones without leading zeros (or null). {@code release} keeps trailing zeros
   * (for display); comparison ignores them.
   */
  public record Version(String epoch, List<String> release, String preLabel, String preNumber, String post,
      String dev, List<String> local) implements Comparable<Version> {
    public Version {
      release = List.copyOf(release);
      local = local == null ? null : List.copyOf(local);
    }

    @Override public int compareTo(Version o) {
      int c = compareNumber(epoch, o.epoch);
      if (c != 0) return c;
      c = compareRelease(release, o.release);
      if (c != 0) return c;
      c = Integer.compare(preRank(), o.preRank());
      if (c != 0) return c;
      if (preLabel != null) {
        c = compareNumber(preNumber, o.preNumber);
        if (c != 0) return c;
      }
      // No post release sorts before any post release.
      if (post == null || o.post == null) {
        if (post != o.post) return post == null ? -1 : 1;
      } else {
        c = compareNumber(post, o.post);
        if (c != 0) return c;
      }
      // A dev release sorts before the same version without one.
      if (dev == null || o.dev == null) {
        if (dev != o.dev) return dev == null ? 1 : -1;
      } else {
        c = compareNumber(dev, o.dev);
        if (c != 0) return c;
      }
      if (local == null || o.local == null) {
        return local == o.local ? 0 : local == null ? -1 : 1;
      }
      return compareLocal(local, o.local);
    }

    /** {@code _cmpkey}'s pre rank: dev-only -1 (so 1.0.dev0 &lt; 1.0a0), a 0, b 1, rc 2, no pre-release 3. */
    private int preRank() {
      if (preLabel == null) return post == null && dev != null ? -1 : 3;
      switch (preLabel) {
        case "a": return 0;
        case "b": return 1;
        default: return 2;
      }
    }
  }

  public Pep440Scheme() {
  }

  @Override public String name() {
    return NAME;
  }

  /** Parses {@code version} as packaging's {@code Version(version)} would. */
  @Override public Version parse(String version) {
    if (version == null) throw new InvalidVersionException(NAME, "null", "no version given");
    return new Parser(version).parse();
  }

  /** One left-to-right scan; each method consumes its group or leaves {@code pos} where it was. */
  private static final class Parser {
    private final String s;
    private final int end;
    private int pos;

    Parser(String s) {
      this.s = s;
      int e = s.length();
      while (e > 0 && isPythonSpace(s.charAt(e - 1))) e--;
      int p = 0;
      while (p < e && isPythonSpace(s.charAt(p))) p++;
      this.end = e;
      this.pos = p;
    }

    Version parse() {
      if (pos == end) throw invalid("empty");
      if (lower(pos) == 'v') pos++;
      String epoch = "0";
      int digitsEnd = skipDigits(pos);
      if (digitsEnd > pos && digitsEnd < end && s.charAt(digitsEnd) == '!') {
        epoch = number(pos, digitsEnd);
        pos = digitsEnd + 1;
      }
      List<String> release = new ArrayList<>(4);
      digitsEnd = skipDigits(pos);
      if (digitsEnd == pos) {
        throw invalid(pos == end ? "no release number" : "expected a release number such as 1.0 at position "
            + (pos + 1) + ", found '" + s.charAt(pos) + "'");
      }
      release.add(number(pos, digitsEnd));
      pos = digitsEnd;
      while (pos + 1 < end && s.charAt(pos) == '.' && isDigit(s.charAt(pos + 1))) {
        digitsEnd = skipDigits(pos + 1);
        release.add(number(pos + 1, digitsEnd));
        pos = digitsEnd;
      }

      String preLabel = null;
      String preNumber = null;
      int start = pos;
      skipSeparator();
      String label = label(PRE_LABELS);
      if (label == null) {
        pos = start;
      } else {
        preLabel = label.equals("alpha") ? "a" : label.equals("beta") ? "b"
            : label.equals("a") || label.equals("b") ? label : "rc";
        preNumber = optionalNumber();
      }

      String post = null;
      start = pos;
      if (pos + 1 < end && s.charAt(pos) == '-' && isDigit(s.charAt(pos + 1))) {
        // The implicit post release: 1.0-1 is 1.0.post1.
        digitsEnd = skipDigits(pos + 1);
        post = number(pos + 1, digitsEnd);
        pos = digitsEnd;
      } else {
        skipSeparator();
        if (label(POST_LABELS) == null) {
          pos = start;
        } else {
          post = optionalNumber();
        }
      }

      String dev = null;
      start = pos;
      skipSeparator();
      if (label(new String[] {"dev"}) == null) {
        pos = start;
      } else {
        dev = optionalNumber();
      }

      List<String> local = null;
      if (pos < end && s.charAt(pos) == '+') {
        local = local();
      }
      if (pos < end) {
        throw invalid("unexpected character '" + s.charAt(pos) + "' at position " + (pos + 1));
      }
      return new Version(epoch, release, preLabel, preNumber, post, dev, local);
    }

    /** {@code +[a-z0-9]+([._-][a-z0-9]+)*}, lower-cased, split at the separators. */
    private List<String> local() {
      List<String> segments = new ArrayList<>(2);
      int p = pos + 1;
      while (true) {
        int segEnd = p;
        while (segEnd < end && isAsciiAlnum(s.charAt(segEnd))) segEnd++;
        if (segEnd == p) {
          if (segments.isEmpty()) {
            throw invalid("the local version label after '+' must be letters and digits, found "
                + (p == end ? "nothing" : "'" + s.charAt(p) + "'"));
          }
          // A trailing separator is not part of the label; report it as left over.
          pos = p - 1;
          return segments;
        }
        // packaging keeps an all-digit segment as an int (leading zeros gone), any other lower-cased
        String seg = isAllDigits(s, p, segEnd) ? number(p, segEnd) : s.substring(p, segEnd).toLowerCase(Locale.ROOT);
        segments.add(seg);
        if (segEnd < end && isSeparator(s.charAt(segEnd))) {
          p = segEnd + 1;
        } else {
          pos = segEnd;
          return segments;
        }
      }
    }

    private void skipSeparator() {
      if (pos < end && isSeparator(s.charAt(pos))) pos++;
    }

    /** After a label: an optional separator and digits; an implicit 0 when there are none. */
    private String optionalNumber() {
      skipSeparator();
      int digitsEnd = skipDigits(pos);
      if (digitsEnd == pos) return "0";
      String n = number(pos, digitsEnd);
      pos = digitsEnd;
      return n;
    }

    /** The first of {@code labels} (in the regex's alternation order) found at {@code pos}, ASCII case-insensitive. */
    private String label(String[] labels) {
      for (String l : labels) {
        if (pos + l.length() <= end && s.regionMatches(true, pos, l, 0, l.length()) && isAscii(pos, l.length())) {
          pos += l.length();
          return l;
        }
      }
      return null;
    }

    /** regionMatches(ignoreCase) also folds non-ASCII letters (e.g. U+212A KELVIN SIGN); packaging's (?a:) does not. */
    private boolean isAscii(int from, int length) {
      for (int i = from; i < from + length; i++) {
        if (s.charAt(i) > 0x7f) return false;
      }
      return true;
    }

    private int lower(int i) {
      if (i >= end) return -1;
      char c = s.charAt(i);
      return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    private int skipDigits(int from) {
      int i = from;
      while (i < end && isDigit(s.charAt(i))) i++;
      return i;
    }

    /** The digits in [from, to) without leading zeros, as Python's int() reads them. */
    private String number(int from, int to) {
      while (from < to - 1 && s.charAt(from) == '0') from++;
      return s.substring(from, to);
    }

    private InvalidVersionException invalid(String why) {
      return new InvalidVersionException(NAME, s, why);
    }
  }

  static int compareNumber(String a, String b) {
    if (a.length() != b.length()) return Integer.compare(a.length(), b.length());
    return a.compareTo(b);
  }

  /** Tuple order on the releases with trailing zeros dropped (1.0 == 1.0.0 == 1). */
  static int compareRelease(List<String> a, List<String> b) {
    int la = significantLength(a);
    int lb = significantLength(b);
    int n = Math.min(la, lb);
    for (int i = 0; i < n; i++) {
      int c = compareNumber(a.get(i), b.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(la, lb);
  }

  private static int significantLength(List<String> release) {
    int n = release.size();
    while (n > 0 && release.get(n - 1).equals("0")) n--;
    return n;
  }

  /** PEP 440 local labels: numeric segments sort after alphanumeric ones; a longer label wins a tie. */
  static int compareLocal(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean nx = isAllDigits(x);
      boolean ny = isAllDigits(y);
      int c;
      if (nx && ny) {
        c = compareNumber(stripZeros(x), stripZeros(y));
      } else if (nx != ny) {
        c = nx ? 1 : -1;
      } else {
        c = x.compareTo(y); // lower-case ASCII: UTF-16 order is Python's code point order
      }
      if (c != 0) return c;
    }
    return Integer.compare(a.size(), b.size());
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
    return digits.substring(i);
  }

  private static boolean isAllDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) return false;
    }
    return true;
  }

  private static boolean isAllDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) return false;
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isSeparator(char c) {
    return c == '.' || c == '_' || c == '-';
  }

  /**
   * Python's {@code str.isspace()}, which the outer {@code \s*} of packaging's pattern matches: Java's
   * whitespace plus the no-break spaces Java excludes and NEL.
   */
  static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f' || c == '\u0085';
  }
}
