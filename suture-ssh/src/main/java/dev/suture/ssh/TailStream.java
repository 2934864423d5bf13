package dev.suture.ssh;

import dev.suture.core.port.OutputTail;
import java.io.OutputStream;

/** stdout into the bounded output tail. */
final class TailStream extends OutputStream {
  private final OutputTail tail;

  TailStream(OutputTail tail) { this.tail = tail; }

  @Override public void write(int b) { tail.append(new byte[] {(byte) b}, 0, 1); }

  @Override public void write(byte[] b, int off, int len) { tail.append(b, off, len); }
}
