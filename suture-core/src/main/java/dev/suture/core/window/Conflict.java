package dev.suture.core.window;

import java.util.Objects;

/** One reason a rollout should not start when proposed; {@code message} is what an operator reads. */
public record Conflict(Kind kind, String message) {
  public enum Kind { OUTSIDE_WINDOW, IN_FREEZE, TARGET_BUSY }

  public Conflict {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
