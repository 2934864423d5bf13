package dev.suture.core.model;

import java.util.regex.Pattern;

/** Names of documents: kept to a safe alphabet because they end up in URLs, file names and logs. */
public final class Names {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@;/ -]{0,252}");
  private Names() {}

  public static String require(String field, String value) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " is required");
    if (value.length() > 253) throw new IllegalArgumentException(field + " is longer than 253 characters");
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f))
      throw new IllegalArgumentException(field + " contains control characters");
    return value;
  }

  public static boolean isPlain(String value) { return NAME.matcher(value).matches(); }
}
