package dev.suture.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Small helpers shared by the vulnerability stores: IN lists in chunks, and column limits checked before SQL. */
final class Columns {
  /** Rows per JDBC batch and ids per IN list: small enough for any driver's parameter limit, large enough to amortise round trips. */
  static final int CHUNK = 500;

  private Columns() {}

  /** "?, ?, ?" for n parameters. */
  static String placeholders(int n) {
    StringBuilder sb = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "?" : ", ?");
    return sb.toString();
  }

  /** The distinct values of {@code values}, in their first order, cut into lists of at most {@link #CHUNK}. */
  static List<List<String>> chunks(Collection<String> values) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i += CHUNK) out.add(distinct.subList(i, Math.min(distinct.size(), i + CHUNK)));
    return out;
  }

  /**
   * Why {@code value} does not fit a column of {@code max} characters, or null when it does. Checked
   * in code so the message names the field; the database's own error names only the column.
   */
  static String tooLong(String field, String value, int max) {
    return value != null && value.length() > max ? field + ": longer than " + max + " characters (" + value.length() + ")" : null;
  }

  static void check(String field, String value, int max) {
    String why = tooLong(field, value, max);
    if (why != null) throw new IllegalArgumentException(why);
  }
}
