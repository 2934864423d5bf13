package dev.suture.core.feed;

import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The bookkeeping the three readers share: passes items and problems to the sink, counts them and
 * reports progress every {@value #PROGRESS_EVERY} records or problems and once at the end.
 */
final class FeedTally<T> {
  static final int PROGRESS_EVERY = 1000;

  private final FeedSink<T> sink;
  private final LongSupplier bytesRead;
  private final long totalBytes;
  private long records;
  private long problems;
  private long reportedAt;

  FeedTally(FeedSink<T> sink, LongSupplier bytesRead, long totalBytes) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.bytesRead = bytesRead;
    this.totalBytes = totalBytes < 0 ? FeedProgress.UNKNOWN : totalBytes;
  }

  void accept(T item) {
    sink.accept(item);
    records++;
    tick();
  }

  void problem(String file, Optional<String> recordId, String message) {
    sink.problem(new FeedProblem(file, recordId, message));
    problems++;
    tick();
  }

  /** Reports the final progress and returns the counts. */
  FeedSummary finish() {
    sink.progress(progress());
    return new FeedSummary(records, problems);
  }

  private void tick() {
    if (records + problems - reportedAt >= PROGRESS_EVERY) {
      reportedAt = records + problems;
      sink.progress(progress());
    }
  }

  private FeedProgress progress() {
    return new FeedProgress(records, problems, bytesRead.getAsLong(), totalBytes);
  }
}
