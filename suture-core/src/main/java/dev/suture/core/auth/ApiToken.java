package dev.suture.core.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API token's metadata. The token itself is shown once when created; only its SHA-256 is
 * stored (tokens are 256 random bits, so a fast hash is enough: there is nothing to brute-force).
 */
public record ApiToken(String id, String user, String label, Instant createdAt, Optional<Instant> expiresAt,
                       Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
  public ApiToken {
    Objects.requireNonNull(id, "id");
    User.requireName(user);
    label = label == null ? "" : label;
    if (label.length() > 200) throw new IllegalArgumentException("label is longer than 200 characters");
    Objects.requireNonNull(createdAt, "createdAt");
    expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    lastUsedAt = lastUsedAt == null ? Optional.empty() : lastUsedAt;
    revokedAt = revokedAt == null ? Optional.empty() : revokedAt;
  }

  /** Usable at {@code now}: not revoked and not expired. */
  public boolean validAt(Instant now) {
    return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
  }
}
