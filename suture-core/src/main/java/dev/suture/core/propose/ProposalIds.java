package dev.suture.core.propose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Proposal ids: {@code <package>-<fixed version>-<environment>}, lower case, every character outside
 * {@code [a-z0-9.]} turned into '-'. The id is used as a URL path segment and, by default, as the
 * Patch's and Plan's document name, so it keeps to a narrower alphabet than
 * {@link dev.suture.core.model.Names} allows ('/', ':', ' ' and '~' would need escaping in URLs and
 * shells). A Debian version {@code 1:3.0.15-1~deb12u1} becomes {@code 1-3.0.15-1-deb12u1}.
 */
public final class ProposalIds {
  /** Long ids are cut and given a digest of the whole, so they stay unique and far below the 253-character limit. */
  static final int MAX = 120;

  private ProposalIds() {}

  public static String of(String packageName, String fixedVersion, String environment) {
    String id = sanitise(packageName) + "-" + sanitise(fixedVersion) + "-" + sanitise(environment);
    if (id.length() <= MAX) return id;
    return trimEnd(id.substring(0, MAX - 13)) + "-" + digest(packageName + "\n" + fixedVersion + "\n" + environment);
  }

  /** {@code Debian:12} → {@code debian-12}: appended when two proposals would otherwise share an id. */
  static String sanitise(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean keep = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.';
      char out = keep ? c : '-';
      if (out == '-' && (b.length() == 0 || b.charAt(b.length() - 1) == '-')) continue;
      b.append(out);
    }
    while (b.length() > 0 && !Character.isLetterOrDigit(b.charAt(0))) b.deleteCharAt(0);
    String r = trimEnd(b.toString());
    return r.isEmpty() ? "x" : r;
  }

  private static String trimEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '-' || s.charAt(end - 1) == '.')) end--;
    return s.substring(0, end);
  }

  static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
