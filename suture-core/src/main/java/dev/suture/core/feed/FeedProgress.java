package dev.suture.core.feed;

/**
 * How far a read has come. {@code bytesRead} counts the bytes taken from the source as given
 * (compressed bytes for a zip or gzip), so it can be compared with {@code totalBytes}.
 *
 * @param totalBytes the size of the source, or -1 when unknown (a stream whose length the caller did not know)
 */
public record FeedProgress(long records, long problems, long bytesRead, long totalBytes) {
  public static final long UNKNOWN = -1;

  /** The fraction read, 0..1, or -1 when the total is unknown. */
  public double fraction() {
    if (totalBytes < 0) return -1;
    return totalBytes == 0 ? 1 : Math.min(1.0, (double) bytesRead / totalBytes);
  }
}
