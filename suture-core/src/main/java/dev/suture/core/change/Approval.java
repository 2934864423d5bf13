package dev.suture.core.change;

import java.time.Instant;
import java.util.Objects;

/** One approver's consent. {@code comment} may be empty. */
public record Approval(String approver, Instant at, String comment) {
  public Approval {
    InvalidChangeException.requireText("approver", approver);
    Objects.requireNonNull(at, "at");
    comment = comment == null ? "" : comment.strip();
  }
}
