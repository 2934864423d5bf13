package dev.suture.core.feed;

import java.util.regex.Pattern;

/** The CVE id syntax KEV and EPSS key their rows by. */
final class CveIds {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  private CveIds() {}

  static boolean valid(String s) { return s != null && CVE.matcher(s).matches(); }
}
