package dev.suture.core.port;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code capacity} bytes written to it. A command may print megabytes; only the
 * tail is worth keeping (it holds the error), and memory must not grow with the output.
 * Thread-safe: the pump thread appends while the caller may take a snapshot.
 */
public final class OutputTail {
  private final byte[] ring;
  private long total;

  public OutputTail(int capacity) {
    if (capacity <= 0) throw new IllegalArgumentException("capacity must be positive");
    this.ring = new byte[capacity];
  }

  public synchronized void append(byte[] bytes, int offset, int length) {
    int cap = ring.length;
    // Bytes that would be overwritten within this same call are skipped, but still counted, so
    // the write position stays where a byte-by-byte copy would have left it.
    int skip = Math.max(0, length - cap);
    total += skip;
    offset += skip;
    length -= skip;
    int pos = (int) (total % cap);
    int first = Math.min(length, cap - pos);
    System.arraycopy(bytes, offset, ring, pos, first);
    System.arraycopy(bytes, offset + first, ring, 0, length - first);
    total += length;
  }

  public synchronized long totalBytes() { return total; }

  /** The kept bytes as UTF-8; a character cut in half by truncation is dropped, not garbled. */
  public synchronized String text() {
    int cap = ring.length;
    int size = (int) Math.min(total, cap);
    int start = (int) ((total - size) % cap);
    byte[] out = new byte[size];
    int first = Math.min(size, cap - start);
    System.arraycopy(ring, start, out, 0, first);
    System.arraycopy(ring, 0, out, first, size - first);
    int from = 0;
    if (total > cap) {
      while (from < Math.min(size, 3) && (out[from] & 0xC0) == 0x80) from++;
    }
    return new String(out, from, size - from, StandardCharsets.UTF_8);
  }
}
