package dev.suture.core.feed;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most {@code max} characters. {@link java.io.BufferedReader#readLine} would build a
 * line of any length in memory; a feed without line breaks (a wrong file, a hostile server) must not
 * be able to do that. A longer line is consumed to its end and returned cut, with {@link #cut()} set.
 */
final class LineReader {
  private final Reader in;
  private final int max;
  private final StringBuilder line = new StringBuilder();
  private final char[] buf = new char[8192];
  private int pos;
  private int end;
  private long number;
  private boolean cut;

  LineReader(Reader in, int max) {
    this.in = in;
    this.max = max;
  }

  /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end. */
  String next() throws IOException {
    line.setLength(0);
    cut = false;
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          if (!any) return null;
          break;
        }
      }
      any = true;
      char c = buf[pos++];
      if (c == '\n') break;
      if (line.length() < max) line.append(c);
      else cut = true;
    }
    number++;
    int n = line.length();
    if (n > 0 && line.charAt(n - 1) == '\r' && !cut) line.setLength(n - 1);
    return line.toString();
  }

  /** The 1-based number of the line last returned. */
  long number() { return number; }

  /** Whether the line last returned was longer than the limit and was cut. */
  boolean cut() { return cut; }
}
