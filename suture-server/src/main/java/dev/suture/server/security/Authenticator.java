package dev.suture.server.security;

import dev.suture.core.auth.Actor;
import dev.suture.core.auth.User;
import dev.suture.core.port.UserStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Turns an Authorization header into an {@link Actor}: {@code Bearer <api token>} or
 * {@code Basic <user:password>} (bcrypt). Every failure reads the same so that a caller cannot
 * learn which part (user, password, token, expiry) was wrong.
 */
public final class Authenticator {
  public static final String FAILURE = "invalid, expired or revoked credentials";
  /** Recording last use is a write; once a minute per token is plenty for an audit of idle tokens. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final UserStore users;
  private final PasswordHasher passwords;
  private final Clock clock;

  public Authenticator(UserStore users, PasswordHasher passwords, Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.clock = clock;
  }

  /** @return the actor, or empty when the header is missing or wrong */
  public Optional<Actor> authenticate(String header) {
    if (header == null || header.isBlank()) return Optional.empty();
    int space = header.indexOf(' ');
    if (space < 0) return Optional.empty();
    String scheme = header.substring(0, space);
    String value = header.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Bearer")) return bearer(value);
    if (scheme.equalsIgnoreCase("Basic")) return basic(value);
    return Optional.empty();
  }

  private Optional<Actor> bearer(String token) {
    if (!token.startsWith(Tokens.PREFIX) || token.length() > 100) return Optional.empty();
    Instant now = clock.instant();
    return users.findByTokenHash(Tokens.hash(token))
        .filter(o -> o.token().validAt(now) && !o.user().disabled())
        .map(o -> {
          if (o.token().lastUsedAt().map(t -> t.plus(TOUCH_EVERY).isBefore(now)).orElse(true)) users.touchToken(o.token().id(), now);
          return o.user().actor();
        });
  }

  private Optional<Actor> basic(String encoded) {
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = pair.indexOf(':');
    if (colon < 0) return Optional.empty();
    return login(pair.substring(0, colon), pair.substring(colon + 1));
  }

  /** Password login (Basic auth and POST /api/v1/login). */
  public Optional<Actor> login(String name, String password) {
    Optional<User> user = users.find(name).filter(u -> !u.disabled() && u.passwordHash().isPresent());
    // compare against a dummy hash when there is no such user: the answer takes as long either way
    boolean ok = passwords.matches(password, user.flatMap(User::passwordHash).orElse(null));
    return ok && user.isPresent() ? user.map(User::actor) : Optional.empty();
  }

  /** bcrypt behind a tiny seam, so that tests of everything else need not pay its cost. */
  public static final class PasswordHasher {
    private final BCryptPasswordEncoder bcrypt;
    private final String dummy;

    public PasswordHasher(int strength) {
      this.bcrypt = new BCryptPasswordEncoder(strength);
      this.dummy = bcrypt.encode("not-a-password");
    }

    public String hash(String password) {
      if (password == null || password.length() < 12) throw new IllegalArgumentException("password: at least 12 characters are required");
      if (password.length() > 72) throw new IllegalArgumentException("password: at most 72 characters (bcrypt ignores the rest)");
      return bcrypt.encode(password);
    }

    boolean matches(String password, String hash) {
      if (password == null) return false;
      return bcrypt.matches(password, hash == null ? dummy : hash) && hash != null;
    }
  }
}
