package dev.suture.core.change;

/**
 * The actor may not do this to this change request: a missing role, or separation of duties (a
 * requester approving their own change). HTTP 403: retrying as the same person cannot succeed.
 */
public final class NotPermittedException extends RuntimeException {
  public NotPermittedException(String message) { super(message); }
}
