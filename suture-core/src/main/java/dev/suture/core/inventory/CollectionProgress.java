package dev.suture.core.inventory;

/**
 * Told about each asset as its collection ends. Calls are made one at a time (never concurrently),
 * with {@code done} increasing from 1 to {@code total}, but on whatever thread finished the asset
 * (for ssh, one of its few I/O threads): keep it short and never block in it.
 */
@FunctionalInterface
public interface CollectionProgress {
  CollectionProgress NONE = (done, total, result) -> {};

  void onResult(int done, int total, CollectionResult result);
}
