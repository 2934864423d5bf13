package dev.suture.core.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A local user. {@code passwordHash} is a bcrypt hash (absent for token-only users, e.g. a CI
 * robot); the clear password is never held anywhere after hashing.
 */
public record User(String name, Set<Role> roles, Optional<String> passwordHash, boolean disabled, Instant createdAt) {
  /** Names end up in audit events, URLs and separation-of-duties checks: a small, case-folded alphabet. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");

  public User {
    requireName(name);
    Objects.requireNonNull(roles, "roles");
    if (roles.isEmpty()) throw new IllegalArgumentException("roles: a user needs at least one role");
    roles = Set.copyOf(EnumSet.copyOf(roles));
    passwordHash = passwordHash == null ? Optional.empty() : passwordHash;
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public static String requireName(String name) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
    if (!NAME.matcher(name).matches())
      throw new IllegalArgumentException("name '" + name + "' must be 1-64 of a-z 0-9 . _ @ - (lower case), starting with a letter or digit");
    return name;
  }

  public Actor actor() { return new Actor(name, roles); }

  public User withDisabled(boolean d) { return new User(name, roles, passwordHash, d, createdAt); }
}
