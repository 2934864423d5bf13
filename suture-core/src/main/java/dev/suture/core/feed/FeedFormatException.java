package dev.suture.core.feed;

/**
 * The feed as a whole cannot be read: a truncated or corrupt zip or gzip stream, a missing CSV header,
 * a catalog over the size limit. Unlike a {@link FeedProblem} (one record skipped), this ends the read;
 * the caller discards everything it received from it. The message names the file and, where there is
 * one, the line or entry.
 */
public final class FeedFormatException extends IllegalArgumentException {
  public FeedFormatException(String message) { super(message); }

  public FeedFormatException(String message, Throwable cause) { super(message, cause); }
}
