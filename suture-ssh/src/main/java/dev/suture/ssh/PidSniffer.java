package dev.suture.ssh;

import dev.suture.core.port.OutputTail;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The remote stderr: its first line is the pid printed by {@link RemoteShell#command}; everything
 * after it is the command's own stderr and goes to the output tail.
 */
final class PidSniffer extends OutputStream {
  private static final int MAX_LINE = 24;
  private final OutputTail tail;
  private final byte[] line = new byte[MAX_LINE];
  private int length;
  private boolean done;
  private volatile long pid = -1;

  PidSniffer(OutputTail tail) { this.tail = tail; }

  long pid() { return pid; }

  @Override public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override public synchronized void write(byte[] b, int off, int len) {
    while (!done && len > 0) {
      byte c = b[off++];
      len--;
      if (c == '\n') {
        done = true;
        parse();
      } else if (length == MAX_LINE) {
        done = true; // not our marker: keep it as output
        tail.append(line, 0, length);
        tail.append(new byte[] {c}, 0, 1);
      } else {
        line[length++] = c;
      }
    }
    if (len > 0) tail.append(b, off, len);
  }

  private void parse() {
    String s = new String(line, 0, length, StandardCharsets.US_ASCII).strip();
    if (s.matches("[0-9]{1,10}")) pid = Long.parseLong(s);
    else {
      tail.append(line, 0, length);
      tail.append(new byte[] {'\n'}, 0, 1);
    }
  }
}
