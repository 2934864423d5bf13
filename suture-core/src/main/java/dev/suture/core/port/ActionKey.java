package dev.suture.core.port;

/**
 * Identifies one side-effecting call: (rollout, target, action, attempt). Adapters pass it to
 * the remote side (e.g. env SUTURE_ACTION_KEY) so that a retried call can be recognised.
 */
public record ActionKey(String rolloutId, String target, ActionKind action, int attempt) {
  @Override public String toString() { return rolloutId + "/" + target + "/" + action.name().toLowerCase() + "/" + attempt; }
}
