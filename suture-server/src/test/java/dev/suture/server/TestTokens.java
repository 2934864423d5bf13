package dev.suture.server;

import dev.suture.core.auth.Role;
import dev.suture.server.security.Accounts;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Users and tokens for in-process server tests (a @SpringBootTest without a data dir has no admin token). */
public final class TestTokens {
  private TestTokens() {}

  /** Creates {@code name} with {@code roles} and returns a fresh bearer token for it. */
  public static String of(Accounts accounts, String name, Role... roles) {
    accounts.createUser(name, roles.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.copyOf(List.of(roles)), Optional.empty(), "test");
    return accounts.issueToken(name, "test", Optional.empty(), "test").secret();
  }
}
