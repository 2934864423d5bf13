package dev.suture.core.version;

/**
 * Alpine package versions, ordered exactly as apk-tools 3.x orders them (src/version.c,
 * {@code apk_version_compare} and {@code apk_version_validate}).
 *
 * <p>A version is {@code digits{.digits}[letter]{_suffix[digits]}[~hash][-r digits]}, read as a
 * sequence of tokens whose kinds must come in that order: the initial number, further
 * {@code .}numbers, one lowercase letter, suffixes ({@code _alpha < _beta < _pre < _rc} sort
 * before the bare version, {@code _cvs < _svn < _git < _hg < _p} after it) each with an optional
 * number, a commit hash ({@code ~} and lowercase hex digits) and the package revision
 * {@code -rN}. Two versions are compared token by token while the kinds agree: numbers by value,
 * except that a {@code .}number with a leading zero on either side is compared as a string
 * (Gentoo's rule: "1.01" &lt; "1.1"), letters and suffixes by their order, hashes as strings.
 * When the kinds differ (one version goes on longer, or has another kind of token next), a
 * pre-release suffix makes its version the older one; otherwise the version whose next token
 * comes earlier in the order above is the newer ("1.0.1" &gt; "1.0" &gt; "1.0_rc1", "1.0-r1"
 * &gt; "1.0").
 *
 * <p>{@link #compare} refuses invalid versions (those apk_version_validate() rejects); apk itself
 * still orders them, stopping at the first invalid token, and {@link #compareAsApk} does exactly
 * that for callers that want apk's answer anyway (the {@code suture versions compare} tool, the
 * upstream vectors). Numbers are compared as digit strings, never converted, so components longer
 * than 19 digits compare by value where apk's uint64 would wrap.
 */
public final class ApkScheme implements VersionScheme {
  public static final String NAME = "apk";

  // Token kinds, in apk's order: the order is the semantics (see the class comment).
  static final int INITIAL_DIGIT = 0;
  static final int DIGIT = 1;
  static final int LETTER = 2;
  static final int SUFFIX = 3;
  static final int SUFFIX_NO = 4;
  static final int COMMIT_HASH = 5;
  static final int REVISION_NO = 6;
  static final int END = 7;
  static final int INVALID = 8;

  // Suffix values, in apk's order; NONE (the bare version) is the pivot between pre and post.
  private static final int SUFFIX_INVALID = 0;
  private static final int SUFFIX_NONE = 5;
  private static final String[] SUFFIXES = {
      "", "alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};

  public ApkScheme() {}

  @Override public String name() { return NAME; }

  @Override
  public boolean isValid(String version) {
    return version != null && problem(version) == null;
  }

  /**
   * apk's ordering of two valid versions.
   *
   * @throws InvalidVersionException when either is invalid, saying which token is wrong
   */
  @Override
  public int compare(String a, String b) {
    requireValid(a);
    requireValid(b);
    return compareAsApk(a, b);
  }

  /**
   * Exactly what apk-tools 3.x answers, invalid versions included: the comparison walks both
   * versions token by token and an invalid token ends it (two versions invalid at the same point
   * compare equal; an invalid token sorts before the end of the other version). Meant for showing
   * apk's answer, not for deciding whether a package is affected.
   */
  public int compareAsApk(String a, String b) {
    Tokens ta = new Tokens(a);
    Tokens tb = new Tokens(b);
    ta.first();
    tb.first();
    while (ta.token == tb.token && ta.token < END) {
      int c = compareTokens(ta, tb);
      if (c != 0) return c;
      ta.next();
      tb.next();
    }
    if (ta.token == tb.token) return 0;
    if (ta.token == SUFFIX && ta.suffix < SUFFIX_NONE) return -1;
    if (tb.token == SUFFIX && tb.suffix < SUFFIX_NONE) return 1;
    if (ta.token > tb.token) return -1;
    if (tb.token > ta.token) return 1;
    return 0;
  }

  private void requireValid(String version) {
    if (version == null) throw new InvalidVersionException(NAME, "null", "version is null");
    String why = problem(version);
    if (why != null) throw new InvalidVersionException(NAME, version, why);
  }

  /** Why apk_version_validate() rejects {@code version}, or null when it accepts it. */
  private static String problem(String version) {
    Tokens t = new Tokens(version);
    for (t.first(); t.token < END; t.next()) {
      // walk to the end or the first invalid token
    }
    return t.token == END ? null : t.why;
  }

  /** apk's token_cmp() for two tokens of the same kind. */
  private static int compareTokens(Tokens ta, Tokens tb) {
    String a = ta.text;
    String b = tb.text;
    switch (ta.token) {
      case DIGIT:
        if (a.charAt(ta.start) == '0' || b.charAt(tb.start) == '0') {
          return compareStrings(a, ta.start, ta.end, b, tb.start, tb.end);
        }
        return compareNumbers(a, ta.start, ta.end, b, tb.start, tb.end);
      case INITIAL_DIGIT:
      case SUFFIX_NO:
      case REVISION_NO:
        return compareNumbers(a, ta.start, ta.end, b, tb.start, tb.end);
      case LETTER:
        return Integer.signum(a.charAt(ta.start) - b.charAt(tb.start));
      case SUFFIX:
        return Integer.compare(ta.suffix, tb.suffix);
      default: // COMMIT_HASH
        return compareStrings(a, ta.start, ta.end, b, tb.start, tb.end);
    }
  }

  /** Two digit runs by value: leading zeros dropped, then the longer is larger, then digits. */
  private static int compareNumbers(String a, int i, int endA, String b, int j, int endB) {
    while (i < endA && a.charAt(i) == '0') i++;
    while (j < endB && b.charAt(j) == '0') j++;
    if (endA - i != endB - j) return endA - i > endB - j ? 1 : -1;
    return compareStrings(a, i, endA, b, j, endB);
  }

  /** apk_blob_sort(): memcmp over the common length, then the shorter first. */
  private static int compareStrings(String a, int i, int endA, String b, int j, int endB) {
    while (i < endA && j < endB) {
      char x = a.charAt(i++);
      char y = b.charAt(j++);
      if (x != y) return x < y ? -1 : 1;
    }
    if (i < endA) return 1;
    if (j < endB) return -1;
    return 0;
  }

  /**
   * apk's token_state and token_first()/token_next(): a cursor over one version. After each step,
   * {@code token} is the kind just read and [start, end) its value; on INVALID, {@code why} says
   * what was wrong. One per version per comparison, no allocation per character.
   */
  private static final class Tokens {
    final String text;
    int pos;
    int token;
    int suffix;
    int start;
    int end;
    String why;

    Tokens(String text) {
      this.text = text;
    }

    void first() {
      token = INITIAL_DIGIT;
      digits();
      if (token == INVALID) {
        why = text.isEmpty() ? "empty" : "must start with a digit";
      }
    }

    void next() {
      if (pos == text.length()) {
        token = END;
        return;
      }
      char c = text.charAt(pos);
      int at = pos;
      if (c >= 'a' && c <= 'z') {
        if (token > DIGIT) {
          invalid("letter '" + c + "' at offset " + at + " may only follow a number");
          return;
        }
        start = pos;
        end = ++pos;
        token = LETTER;
      } else if (c == '.' || (c >= '0' && c <= '9')) {
        if (c == '.') {
          if (token > DIGIT) {
            invalid("'.' at offset " + at + " may only follow a number");
            return;
          }
          pos++;
        }
        if (token == INITIAL_DIGIT || token == DIGIT) {
          token = DIGIT;
        } else if (token == SUFFIX) {
          token = SUFFIX_NO;
        } else {
          invalid("digit at offset " + at + " may not follow a letter, hash or revision");
          return;
        }
        digits();
        if (token == INVALID) invalid("'.' at offset " + at + " must be followed by digits");
      } else if (c == '_') {
        if (token > SUFFIX_NO) {
          invalid("suffix at offset " + at + " may not follow a hash or revision");
          return;
        }
        start = ++pos;
        while (pos < text.length() && text.charAt(pos) >= 'a' && text.charAt(pos) <= 'z') pos++;
        end = pos;
        suffix = suffixValue();
        if (suffix == SUFFIX_INVALID) {
          invalid("suffix '_" + text.substring(start, end) + "' at offset " + at
              + " is not one of _alpha, _beta, _pre, _rc, _cvs, _svn, _git, _hg, _p");
          return;
        }
        token = SUFFIX;
      } else if (c == '~') {
        if (token >= COMMIT_HASH) {
          invalid("'~' at offset " + at + " may not follow a hash or revision");
          return;
        }
        start = ++pos;
        while (pos < text.length() && isHex(text.charAt(pos))) pos++;
        end = pos;
        if (start == end) {
          invalid("'~' at offset " + at + " must be followed by lowercase hex digits");
          return;
        }
        token = COMMIT_HASH;
      } else if (c == '-') {
        if (token >= REVISION_NO) {
          invalid("a second revision at offset " + at);
          return;
        }
        if (pos + 1 >= text.length() || text.charAt(pos + 1) != 'r') {
          invalid("'-' at offset " + at + " must start a revision '-r<digits>'");
          return;
        }
        pos += 2;
        token = REVISION_NO;
        digits();
        if (token == INVALID) invalid("revision '-r' at offset " + at + " has no digits");
      } else {
        invalid("character '" + c + "' at offset " + at + " is not allowed");
      }
    }

    /** token_parse_digits(): the run of digits at pos; none makes the token INVALID. */
    private void digits() {
      start = pos;
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
      end = pos;
      if (start == end) token = INVALID;
    }

    private void invalid(String reason) {
      token = INVALID;
      why = reason;
    }

    /** suffix_value(): the whole run of letters must be one of the known suffixes. */
    private int suffixValue() {
      int len = end - start;
      for (int v = 1; v < SUFFIXES.length; v++) {
        String s = SUFFIXES[v];
        if (v != SUFFIX_NONE && s.length() == len && text.startsWith(s, start)) return v;
      }
      return SUFFIX_INVALID;
    }

    private static boolean isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
  }
}
