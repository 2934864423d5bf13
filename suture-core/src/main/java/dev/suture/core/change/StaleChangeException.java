package dev.suture.core.change;

/** Someone else saved the change request since it was read (optimistic concurrency); reload and decide again. */
public final class StaleChangeException extends RuntimeException {
  public StaleChangeException(String id, long version) {
    super("change request " + id + " changed since version " + version + " was read");
  }
}
