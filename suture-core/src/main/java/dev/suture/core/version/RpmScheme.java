package dev.suture.core.version;

/**
 * RPM package versions (RHEL, Rocky, Alma, Fedora, openSUSE), ordered exactly as rpm 4.18 orders
 * them.
 *
 * <p>A version is an EVR, {@code [epoch:]version[-release]}, split as rpm's {@code parseEVR()}
 * (lib/rpmver.c) splits it: the epoch is the run of leading digits only when a colon follows it
 * ({@code "a:1"} has no epoch, its version is {@code "a:1"}); the release follows the last hyphen.
 * EVRs are compared as rpm's {@code rpmverCmp()} / Python {@code rpm.labelCompare} do: epoch
 * (absent means "0"), then version, then release, each with {@link #rpmvercmp}; an absent release
 * sorts before any release, even an empty one ({@code "1" < "1-"}).
 *
 * <p>rpm accepts any non-empty string. Suture also refuses whitespace and control characters:
 * neither can appear in a package's Version or Release (rpmbuild rejects them) and such a string
 * in an advisory or an inventory is a broken record, not a version.
 */
public final class RpmScheme extends ParsingScheme<RpmScheme.Evr> {
  public static final String NAME = "rpm";

  /**
   * A parsed EVR. {@code epoch} and {@code release} are null when absent; an empty epoch
   * ({@code ":1"}) reads as "0", like rpm.
   */
  public record Evr(String epoch, String version, String release) implements Comparable<Evr> {
    @Override
    public int compareTo(Evr other) {
      int c = rpmvercmp(epoch == null ? "0" : epoch, other.epoch == null ? "0" : other.epoch);
      if (c != 0) return c;
      c = rpmvercmp(version, other.version);
      if (c != 0) return c;
      // rpm's compare_values(): a missing release is older than any present one.
      if (release == null) return other.release == null ? 0 : -1;
      if (other.release == null) return 1;
      return rpmvercmp(release, other.release);
    }

    @Override
    public String toString() {
      return (epoch == null ? "" : epoch + ":") + version + (release == null ? "" : "-" + release);
    }
  }

  public RpmScheme() {}

  @Override public String name() { return NAME; }

  /**
   * Splits an EVR as rpm's parseEVR() does.
   *
   * @throws InvalidVersionException when it is empty or holds whitespace or control characters
   */
  @Override public Evr parse(String evr) {
    if (evr == null) throw new InvalidVersionException(NAME, "null", "version is null");
    String why = problem(evr);
    if (why != null) throw new InvalidVersionException(NAME, evr, why);
    int s = 0;
    while (s < evr.length() && isDigit(evr.charAt(s))) s++;
    // rpm looks for the release's hyphen only after the epoch's digits.
    int hyphen = evr.lastIndexOf('-');
    if (hyphen < s) hyphen = -1;
    String epoch = null;
    int versionStart = 0;
    if (s < evr.length() && evr.charAt(s) == ':') {
      epoch = s == 0 ? "0" : evr.substring(0, s);
      versionStart = s + 1;
    }
    if (hyphen >= 0) {
      return new Evr(epoch, evr.substring(versionStart, hyphen), evr.substring(hyphen + 1));
    }
    return new Evr(epoch, evr.substring(versionStart), null);
  }

  @Override String problem(String v) {
    if (v.isEmpty()) return "empty";
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        return "whitespace or control character at offset " + i;
      }
    }
    return null;
  }

  /**
   * rpm's rpmvercmp() (rpmio/rpmvercmp.c) on one version or release string, without EVR parsing:
   * negative, zero or positive.
   *
   * <p>The strings are cut into segments of ASCII digits or ASCII letters; every other character
   * only separates segments (so "2.0" = "2_0", and non-ASCII letters are separators, as they are
   * bytes above 127 to rpm). '~' sorts before anything, even the end ("1.0~rc1" &lt; "1.0"); '^'
   * sorts after the end but before anything else ("1.0" &lt; "1.0^git1" &lt; "1.0.1"). A numeric
   * segment beats an alphabetic one; numbers compare by value (leading zeros dropped, then length,
   * then digits, so any length works); letters compare as strcmp does. When all segments match,
   * the string with segments left wins.
   */
  public static int rpmvercmp(String a, String b) {
    if (a.equals(b)) return 0;
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      while (i < la && isSeparator(a.charAt(i))) i++;
      while (j < lb && isSeparator(b.charAt(j))) j++;

      char ca = i < la ? a.charAt(i) : 0;
      char cb = j < lb ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') return 1;
        if (cb != '~') return -1;
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (i == la) return -1;
        if (j == lb) return 1;
        if (ca != '^') return 1;
        if (cb != '^') return -1;
        i++;
        j++;
        continue;
      }
      if (i == la || j == lb) break;

      int endA = i;
      int endB = j;
      boolean numeric = isDigit(ca);
      if (numeric) {
        while (endA < la && isDigit(a.charAt(endA))) endA++;
        while (endB < lb && isDigit(b.charAt(endB))) endB++;
      } else {
        while (endA < la && isAlpha(a.charAt(endA))) endA++;
        while (endB < lb && isAlpha(b.charAt(endB))) endB++;
      }
      // Different kinds: b's segment is empty. A number is newer than letters.
      if (endB == j) return numeric ? 1 : -1;

      if (numeric) {
        while (i < endA && a.charAt(i) == '0') i++;
        while (j < endB && b.charAt(j) == '0') j++;
        int lenA = endA - i;
        int lenB = endB - j;
        if (lenA != lenB) return lenA > lenB ? 1 : -1;
      }
      int c = compareRange(a, i, endA, b, j, endB);
      if (c != 0) return c;
      i = endA;
      j = endB;
    }
    if (i >= la && j >= lb) return 0;
    return i >= la ? -1 : 1;
  }

  /** strcmp() on two ranges of ASCII characters: the first difference, else the shorter first. */
  private static int compareRange(String a, int i, int endA, String b, int j, int endB) {
    while (i < endA && j < endB) {
      char x = a.charAt(i++);
      char y = b.charAt(j++);
      if (x != y) return x < y ? -1 : 1;
    }
    if (i < endA) return 1;
    if (j < endB) return -1;
    return 0;
  }

  private static boolean isSeparator(char c) {
    return !isDigit(c) && !isAlpha(c) && c != '~' && c != '^';
  }

  private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

  private static boolean isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
}
