package dev.suture.core.port;

/**
 * A fenced write matched no row: another node took the rollout over (expected after a long pause
 * or network split). The caller must stop driving the rollout at once.
 */
public final class LeaseLostException extends RuntimeException {
  public LeaseLostException(Fence fence) {
    super("lease on rollout " + fence.rolloutId() + " lost (lock version " + fence.lockVersion() + " is stale)");
  }
}
