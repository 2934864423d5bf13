package dev.suture.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A report as a table of strings: the one shape every report turns into, so CSV, JSON and the CLI's
 * table are written once. Cells are text as the reader sees it; an absent value is the empty string.
 *
 * @param name what the table holds (a report may have several: MTTP has its summary and its findings)
 */
public record ReportTable(String name, List<String> columns, List<List<String>> rows) {
  public ReportTable {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) throw new IllegalArgumentException("a table needs at least one column");
    List<List<String>> copy = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      if (r.size() != columns.size())
        throw new IllegalArgumentException("row " + (i + 1) + " of table " + name + " has " + r.size() + " cells for " + columns.size() + " columns");
      List<String> cells = new ArrayList<>(r.size());
      for (String c : r) cells.add(c == null ? "" : c);
      copy.add(List.copyOf(cells));
    }
    rows = List.copyOf(copy);
  }

  /** Collects rows fluently; cells are turned into text with {@link String#valueOf} (null → empty). */
  public static final class Builder {
    private final String name;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    private Builder(String name, List<String> columns) {
      this.name = name;
      this.columns = columns;
    }

    public Builder row(Object... cells) {
      List<String> r = new ArrayList<>(cells.length);
      for (Object c : cells) r.add(c == null ? "" : String.valueOf(c));
      rows.add(r);
      return this;
    }

    public ReportTable build() { return new ReportTable(name, columns, rows); }
  }

  public static Builder builder(String name, String... columns) { return new Builder(name, List.of(columns)); }

  /**
   * RFC 4180: a header line, then one line per row, each ending in CRLF; a field holding a comma, a
   * double quote, CR or LF is enclosed in double quotes with its quotes doubled. Values are written
   * as they are (no spreadsheet formula escaping: that would change the data; see docs/reports.md).
   */
  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    line(sb, columns);
    for (List<String> r : rows) line(sb, r);
    return sb.toString();
  }

  /** The rows as column → cell maps in column order, ready for a JSON writer. */
  public List<Map<String, String>> jsonRows() {
    List<Map<String, String>> out = new ArrayList<>(rows.size());
    for (List<String> r : rows) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) m.put(columns.get(i), r.get(i));
      out.add(m);
    }
    return out;
  }

  /** The cell of {@code column} in row {@code row} (0-based), for tests and summaries. */
  public String cell(int row, String column) {
    int i = columns.indexOf(column);
    if (i < 0) throw new IllegalArgumentException("no column '" + column + "' in table " + name + " " + columns);
    return rows.get(row).get(i);
  }

  private static void line(StringBuilder sb, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(field(fields.get(i)));
    }
    sb.append("\r\n");
  }

  static String field(String s) {
    boolean quote = false;
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
