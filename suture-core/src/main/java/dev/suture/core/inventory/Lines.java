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
