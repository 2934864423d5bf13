package dev.suture.core.feed;

/**
 * Where a feed reader hands what it reads, one item at a time, so that a feed of any size is read in
 * bounded memory. The reader never stores anything itself; the caller decides (the server imports
 * into one transaction, so a failed import leaves nothing half-written).
 *
 * <p>An exception thrown by the sink stops the read and reaches the caller unchanged.
 */
public interface FeedSink<T> {
  /** One item read and checked. */
  void accept(T item);

  /** One record that could not be used; it was skipped and the read goes on. */
  void problem(FeedProblem problem);

  /** Reported every 1000 records and problems together, and once at the end. */
  default void progress(FeedProgress progress) {}
}
