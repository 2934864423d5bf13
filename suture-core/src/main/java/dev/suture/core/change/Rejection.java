package dev.suture.core.change;

import java.time.Instant;
import java.util.Objects;

/** Why a change was turned down; a rejection without a reason teaches the requester nothing, so it is refused. */
public record Rejection(String by, Instant at, String reason) {
  public Rejection {
    InvalidChangeException.requireText("rejectedBy", by);
    Objects.requireNonNull(at, "at");
    reason = InvalidChangeException.requireText("reason", reason);
  }
}
