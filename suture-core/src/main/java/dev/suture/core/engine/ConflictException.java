package dev.suture.core.engine;

/** A verb the rollout's current state does not allow (HTTP 409). */
public final class ConflictException extends IllegalStateException {
  public ConflictException(String message) { super(message); }
}
