package dev.suture.core.version;

/**
 * Debian / Ubuntu package versions, ordered exactly as dpkg 1.21 orders them
 * ({@code dpkg --compare-versions}, lib/dpkg/version.c {@code dpkg_version_compare}).
 *
 * <p>A version is {@code [epoch:]upstream[-revision]}. The epoch is a decimal number (absent means
 * 0) and is compared first, numerically. Upstream and revision are then each compared with dpkg's
 * {@code verrevcmp}: alternating runs of non-digits (compared character by character with dpkg's
 * {@code order()}: {@code ~} before the end of the string, the end before letters, letters before
 * every other character, each group in ASCII order) and runs of digits (compared as numbers, with
 * leading zeros ignored). An absent revision equals {@code "0"}.
 *
 * <p>Validity follows dpkg's {@code parseversion()} (lib/dpkg/parse.c): surrounding blanks (space,
 * tab) are ignored; anything dpkg reports, as an error or as a warning, is invalid here. dpkg
 * itself only warns about an upstream that does not start with a digit or about characters
 * outside its sets, and still compares; Suture refuses such a version rather than order a string
 * that no Debian package can carry (dpkg-deb and dpkg's Perl {@code Dpkg::Version} treat it as
 * invalid too).
 */
public final class DpkgScheme extends ParsingScheme<DpkgScheme.Version> {
  public static final String NAME = "dpkg";

  /** dpkg stores the epoch in an {@code int} and rejects anything above INT_MAX. */
  private static final long MAX_EPOCH = Integer.MAX_VALUE;

  /**
   * A parsed version. {@code upstream} and {@code revision} are kept as written ({@code revision}
   * is empty when absent): comparing them needs the digits as they are, leading zeros included,
   * so no normalised form could be used instead.
   */
  public record Version(int epoch, String upstream, String revision) implements Comparable<Version> {
    @Override
    public int compareTo(Version other) {
      int c = Integer.compare(epoch, other.epoch);
      if (c != 0) return c;
      c = verrevcmp(upstream, other.upstream);
      if (c != 0) return c;
      return verrevcmp(revision, other.revision);
    }

    @Override
    public String toString() {
      return (epoch != 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
    }
  }

  public DpkgScheme() {}

  @Override public String name() { return NAME; }

  /**
   * Parses a version once, for callers that compare it many times.
   *
   * @throws InvalidVersionException with dpkg's own wording of what is wrong
   */
  @Override public Version parse(String version) {
    if (version == null) throw new InvalidVersionException(NAME, "null", "version string is null");
    int start = 0;
    int end = version.length();
    while (start < end && isBlank(version.charAt(start))) start++;
    while (end > start && isBlank(version.charAt(end - 1))) end--;
    String why = problem(version, start, end);
    if (why != null) throw new InvalidVersionException(NAME, version, why);

    int colon = version.indexOf(':', start);
    int epoch = 0;
    int upStart = start;
    if (colon >= 0 && colon < end) {
      epoch = (int) parseEpoch(version, start, colon);
      upStart = colon + 1;
    }
    // The revision follows the LAST hyphen: the upstream part may itself contain hyphens.
    int hyphen = version.lastIndexOf('-', end - 1);
    if (hyphen >= upStart) {
      return new Version(epoch, version.substring(upStart, hyphen), version.substring(hyphen + 1, end));
    }
    return new Version(epoch, version.substring(upStart, end), "");
  }

  /** What dpkg would say is wrong with {@code version}, or null when nothing is. */
  @Override String problem(String version) {
    int start = 0;
    int end = version.length();
    while (start < end && isBlank(version.charAt(start))) start++;
    while (end > start && isBlank(version.charAt(end - 1))) end--;
    return problem(version, start, end);
  }

  /**
   * The checks of dpkg's parseversion(), in its order and with its messages, on the blank-trimmed
   * range [start, end).
   */
  private static String problem(String v, int start, int end) {
    if (start == end) return "version string is empty";
    for (int i = start; i < end; i++) {
      if (isBlank(v.charAt(i))) return "version string has embedded spaces";
    }
    int colon = v.indexOf(':', start);
    int upStart = start;
    if (colon >= 0 && colon < end) {
      // dpkg reads the epoch with strtol(): an optional sign, then decimal digits, which must run
      // exactly up to the first colon.
      int i = start;
      boolean negative = false;
      if (v.charAt(i) == '+' || v.charAt(i) == '-') {
        negative = v.charAt(i) == '-';
        i++;
      }
      int digitsStart = i;
      while (i < colon && isDigit(v.charAt(i))) i++;
      // strtol() converting nothing ("a:1", ":1") is what dpkg reports as an empty epoch.
      if (i == digitsStart) return "epoch in version is empty";
      if (i != colon) return "epoch in version is not number";
      long epoch = parseEpoch(v, start, colon);
      if (negative && epoch != 0) return "epoch in version is negative";
      if (epoch > MAX_EPOCH) return "epoch in version is too big";
      if (colon + 1 == end) return "nothing after colon in version number";
      upStart = colon + 1;
    }
    int hyphen = v.lastIndexOf('-', end - 1);
    int upEnd = end;
    if (hyphen >= upStart) {
      if (hyphen == end - 1) return "revision number is empty";
      upEnd = hyphen;
    }
    if (upEnd == upStart) return "version number is empty";
    if (!isDigit(v.charAt(upStart))) return "version number does not start with digit";
    for (int i = upStart + 1; i < upEnd; i++) {
      char c = v.charAt(i);
      if (!isDigit(c) && !isAlpha(c) && ".-+~:".indexOf(c) < 0) {
        return "invalid character in version number";
      }
    }
    for (int i = upEnd + 1; i < end; i++) {
      char c = v.charAt(i);
      if (!isDigit(c) && !isAlpha(c) && ".+~".indexOf(c) < 0) {
        return "invalid character in revision number";
      }
    }
    return null;
  }

  /**
   * The epoch's value, sign ignored (a sign only reaches here on a zero epoch or is '+'), capped
   * just above INT_MAX so that a hundred-digit epoch cannot overflow.
   */
  private static long parseEpoch(String v, int start, int colon) {
    long value = 0;
    for (int i = start; i < colon; i++) {
      char c = v.charAt(i);
      if (!isDigit(c)) continue;
      value = value * 10 + (c - '0');
      if (value > MAX_EPOCH) return MAX_EPOCH + 1;
    }
    return value;
  }

  /**
   * dpkg's verrevcmp(): compares an upstream version or a revision. Digit runs are compared as
   * numbers by skipping leading zeros and then comparing length and digits, so a run of any length
   * compares correctly (dpkg does the same, digit by digit, without converting).
   */
  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      // Non-digit run: character by character by order(); the end of a string counts as 0.
      while ((i < la && !isDigit(a.charAt(i))) || (j < lb && !isDigit(b.charAt(j)))) {
        int ac = i < la ? order(a.charAt(i)) : 0;
        int bc = j < lb ? order(b.charAt(j)) : 0;
        if (ac != bc) return ac - bc;
        i++;
        j++;
      }
      while (i < la && a.charAt(i) == '0') i++;
      while (j < lb && b.charAt(j) == '0') j++;
      int firstDiff = 0;
      while (i < la && j < lb && isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
        if (firstDiff == 0) firstDiff = a.charAt(i) - b.charAt(j);
        i++;
        j++;
      }
      if (i < la && isDigit(a.charAt(i))) return 1;
      if (j < lb && isDigit(b.charAt(j))) return -1;
      if (firstDiff != 0) return firstDiff;
    }
    return 0;
  }

  /**
   * dpkg's order(): the weight of one character in a non-digit run. A digit weighs 0 like the end
   * of the string (a digit there means the run ended); '~' weighs -1 so it sorts even before the
   * end ("1.0~rc1" &lt; "1.0"); letters weigh their ASCII code; anything else its code + 256, so
   * after every letter.
   */
  private static int order(char c) {
    if (isDigit(c)) return 0;
    if (isAlpha(c)) return c;
    if (c == '~') return -1;
    return c + 256;
  }

  private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

  private static boolean isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

  /** dpkg's c_isblank(): only space and tab; other whitespace is an invalid character. */
  private static boolean isBlank(char c) { return c == ' ' || c == '\t'; }
}
