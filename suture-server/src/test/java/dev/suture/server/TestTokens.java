package dev.suture.server;

import dev.suture.core.auth.Role;
import dev.suture.server.security.Accounts;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Users and tokens for in-process server tests (a @SpringBootTest without a data dir has no admin token). */
public final class TestTokens {
  private TestTokens() {}

  /** Creates {@code name} with {@code roles} (unless it exists) and returns a fresh bearer token for it. */
  public static String of(Accounts accounts, String name, Role... roles) {
    try {
      accounts.createUser(name, roles.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.copyOf(List.of(roles)), Optional.empty(), "test");
    } catch (dev.suture.core.engine.ConflictException e) {
      // created by an earlier test on the same (shared, in-memory) database: a new token is all we need
    }
    return accounts.issueToken(name, "test", Optional.empty(), "test").secret();
  }
}
