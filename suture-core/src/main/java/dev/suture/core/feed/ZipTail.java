package dev.suture.core.feed;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Sits under a {@link java.util.zip.ZipInputStream} and keeps the last bytes it read, so that the end
 * of the zip can be checked once the entries are done.
 *
 * <p>Why: {@code ZipInputStream} reads local headers only and stops quietly at the first thing that is
 * not one: end of stream, garbage, or the central directory. A download cut off between two entries,
 * or a damaged header halfway through, would therefore look like a complete, shorter feed. A real zip
 * ends with an end-of-central-directory record whose entry count must equal the entries read; both
 * are checked here.
 */
final class ZipTail extends CountingInputStream {
  private static final int EOCD = 0x06054b50;
  private static final int EOCD_SIZE = 22;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_LOCATOR_SIZE = 20;
  private static final int ZIP64_EOCD = 0x06064b50;
  // The EOCD record with its longest comment, the zip64 locator, and room for the zip64 end record.
  private static final int KEEP = EOCD_SIZE + 0xFFFF + ZIP64_LOCATOR_SIZE + 4096;

  private final byte[] ring = new byte[KEEP];

  ZipTail(InputStream in) { super(in); }

  @Override
  void seen(byte[] b, int off, int len) {
    long before = count();
    super.seen(b, off, len);
    int skip = Math.max(0, len - KEEP);
    int from = off + skip;
    int n = len - skip;
    int at = (int) ((before + skip) % KEEP);
    int first = Math.min(n, KEEP - at);
    System.arraycopy(b, from, ring, at, first);
    System.arraycopy(b, from + first, ring, 0, n - first);
  }

  /**
   * Reads what is left of the source and checks that it ended with a zip end record counting
   * {@code entriesRead} entries; throws {@link FeedFormatException} naming {@code name} if not.
   */
  void checkEnd(String name, long entriesRead) throws IOException {
    byte[] buf = new byte[8192];
    while (read(buf, 0, buf.length) >= 0) {
      // drain: the central directory is not needed, only the end record after it
    }
    byte[] tail = tail();
    long tailStart = count() - tail.length;
    int at = endRecord(tail);
    if (at < 0) {
      throw new FeedFormatException(name + ": the zip stream ended after " + count() + " bytes and " + entriesRead
          + " entries without its end-of-central-directory record: it is truncated or not a zip");
    }
    OptionalLong declared = entryCount(tail, at, tailStart);
    if (declared.isPresent() && declared.getAsLong() != entriesRead) {
      throw new FeedFormatException(name + ": the zip's central directory lists " + declared.getAsLong()
          + " entries but " + entriesRead + " could be read in sequence: the stream is corrupt");
    }
  }

  private byte[] tail() {
    long n = count();
    int len = (int) Math.min(n, KEEP);
    byte[] out = new byte[len];
    for (int i = 0; i < len; i++) out[i] = ring[(int) ((n - len + i) % KEEP)];
    return out;
  }

  /** The position of the EOCD record whose comment runs exactly to the end, or -1. */
  private static int endRecord(byte[] t) {
    for (int at = t.length - EOCD_SIZE; at >= 0 && at >= t.length - EOCD_SIZE - 0xFFFF; at--) {
      if (u32(t, at) == EOCD && at + EOCD_SIZE + u16(t, at + 20) == t.length) return at;
    }
    return -1;
  }

  /** Total entries from the EOCD record, or from the zip64 end record when the EOCD says 0xFFFF. */
  private static OptionalLong entryCount(byte[] t, int eocd, long tailStart) {
    int count = u16(t, eocd + 10);
    if (count != 0xFFFF) return OptionalLong.of(count);
    int loc = eocd - ZIP64_LOCATOR_SIZE;
    if (loc < 0 || u32(t, loc) != ZIP64_LOCATOR) return OptionalLong.empty();
    long at = u64(t, loc + 8) - tailStart;
    if (at < 0 || at + 40 > t.length || u32(t, (int) at) != ZIP64_EOCD) return OptionalLong.empty();
    return OptionalLong.of(u64(t, (int) at + 32));
  }

  private static int u16(byte[] b, int i) { return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8; }

  private static long u32(byte[] b, int i) { return u16(b, i) | (long) u16(b, i + 2) << 16; }

  private static long u64(byte[] b, int i) { return u32(b, i) | u32(b, i + 4) << 32; }
}
