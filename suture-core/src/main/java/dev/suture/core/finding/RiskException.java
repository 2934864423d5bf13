package dev.suture.core.finding;

import java.time.Instant;
import java.util.Objects;

/** An accepted risk: who approved not patching, why, and until when (an exception never lasts forever). */
public record RiskException(String approver, String reason, Instant expiresAt) {
  public RiskException {
    Objects.requireNonNull(approver, "approver");
    if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason: an accepted risk must say why");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
