package dev.suture.core.inventory;

import java.util.ArrayList;
import java.util.List;

/** Splits collector output into lines the way the tools write them. */
final class Lines {
  private Lines() {}

  /**
   * The lines of {@code text}, without terminators. {@code \r\n} is accepted as well as {@code \n}
   * because some SSH paths (a PTY) turn one into the other; a final newline does not make an extra
   * empty line.
   */
  /** One line of tab-separated output: its 1-based number, its text and its fields. */
  record Row(int number, String text, String[] fields) {}

  /**
   * The non-blank lines of tab-separated output that have exactly {@code fields} fields; a line with
   * another count is added to {@code problems} with its number, and skipped.
   */
  static List<Row> tabSeparated(String text, int fields, List<LineProblem> problems) {
    List<Row> rows = new ArrayList<>();
    List<String> lines = of(text);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) continue;
      String[] f = line.split("\t", -1);
      if (f.length != fields) {
        problems.add(new LineProblem(i + 1, line, "expected " + fields + " tab-separated fields, found " + f.length));
        continue;
      }
      rows.add(new Row(i + 1, line, f));
    }
    return rows;
  }

  static List<String> of(String text) {
    List<String> lines = new ArrayList<>();
    if (text == null || text.isEmpty()) return lines;
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      lines.add(text.substring(start, contentEnd));
      if (nl < 0) break;
      start = nl + 1;
    }
    return lines;
  }
}
