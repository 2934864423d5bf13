package dev.suture.core.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes taken from the source, for progress against the source's size. Closing it does not
 * close the source: the caller that opened the source closes it, while the readers can close the
 * decompressing streams they stack on top (releasing their native inflater memory at once).
 */
class CountingInputStream extends FilterInputStream {
  private final byte[] one = new byte[1];
  private long count;

  CountingInputStream(InputStream in) { super(in); }

  long count() { return count; }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      one[0] = (byte) b;
      seen(one, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) seen(b, off, n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Read instead of skipping, so that a subclass sees every byte.
    byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    int r = read(buf, 0, buf.length);
    return Math.max(r, 0);
  }

  @Override
  public boolean markSupported() { return false; }

  @Override
  public void close() {
    // the source belongs to the caller
  }

  /** Called with every chunk read; subclasses may look at the bytes. */
  void seen(byte[] b, int off, int len) { count += len; }
}
