package dev.suture.core.auth;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated person (or the engine itself). {@code name} is what audit events record;
 * separation of duties compares names, so two tokens of one user are one person.
 */
public record Actor(String name, Set<Role> roles) {
  public static final Actor SYSTEM = new Actor("system", EnumSet.noneOf(Role.class));

  public Actor {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) throw new IllegalArgumentException("actor name is blank");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  public boolean has(Role role) { return roles.contains(role); }
}
