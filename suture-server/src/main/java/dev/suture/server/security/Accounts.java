package dev.suture.server.security;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.auth.Actor;
import dev.suture.core.auth.ApiToken;
import dev.suture.core.auth.Role;
import dev.suture.core.auth.User;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.port.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Creating users and issuing tokens: hashing happens here, so the store only ever sees hashes. */
public final class Accounts {
  /** A token and its clear value, which is returned exactly once, to whoever asked for it. */
  public record Issued(ApiToken token, String secret) {}

  private final UserStore users;
  private final Authenticator.PasswordHasher passwords;
  private final Clock clock;

  public Accounts(UserStore users, Authenticator.PasswordHasher passwords, Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.clock = clock;
  }

  public User createUser(String name, Set<Role> roles, Optional<String> password, String actor) {
    User user = new User(name, roles, password.map(passwords::hash), false, clock.instant());
    return users.create(user, AuditRecord.of(actor, "user.created", "user/" + name, "roles", roleList(roles),
        "password", password.isPresent() ? "set" : "none"));
  }

  public User update(String name, Optional<Set<Role>> roles, Optional<String> password, Optional<Boolean> disabled, String actor) {
    User u = users.find(name).orElseThrow(() -> new NotFoundException("user", name));
    User next = new User(name, roles.orElse(u.roles()), password.map(passwords::hash).or(u::passwordHash),
        disabled.orElse(u.disabled()), u.createdAt());
    return users.update(next, AuditRecord.of(actor, "user.updated", "user/" + name, "roles", roleList(next.roles()),
        "password", password.isPresent() ? "changed" : "unchanged", "disabled", next.disabled()));
  }

  public Issued issueToken(String user, String label, Optional<Duration> ttl, String actor) {
    return issueToken(user, label, ttl, actor, Tokens.newToken());
  }

  Issued issueToken(String user, String label, Optional<Duration> ttl, String actor, String secret) {
    if (users.find(user).isEmpty()) throw new NotFoundException("user", user);
    Instant now = clock.instant();
    ttl.ifPresent(t -> {
      if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("ttl: must be positive");
    });
    ApiToken token = new ApiToken(Tokens.newId(), user, label, now, ttl.map(now::plus), Optional.empty(), Optional.empty());
    users.addToken(token, Tokens.hash(secret), AuditRecord.of(actor, "token.created", "user/" + user, "token", token.id(),
        "label", token.label(), "expires", token.expiresAt().map(Instant::toString).orElse("never")));
    return new Issued(token, secret);
  }

  /** A caller may revoke their own tokens; revoking others' needs ADMIN (checked here, on top of @Allow). */
  public void revoke(String tokenId, Actor actor) {
    ApiToken t = users.tokens(null).stream().filter(k -> k.id().equals(tokenId)).findFirst()
        .orElseThrow(() -> new NotFoundException("token", tokenId));
    if (!t.user().equals(actor.name()) && !actor.has(Role.ADMIN))
      throw new ForbiddenException("only an admin may revoke another user's token");
    if (!users.revokeToken(tokenId, clock.instant(), AuditRecord.of(actor.name(), "token.revoked", "user/" + t.user(), "token", tokenId)))
      throw new dev.suture.core.engine.ConflictException("token " + tokenId + " is already revoked");
  }

  public static String roleList(Set<Role> roles) {
    return String.join(",", roles.stream().sorted().map(Role::wireName).toList());
  }
}
