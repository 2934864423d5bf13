package dev.suture.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.testing.ManualClock;
import dev.suture.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, passwords, expiry, revocation and the first-start admin token, on a real (H2) store. */
class AuthenticatorTest {
  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-12-01T08:00:00Z");
  Store store;
  Accounts accounts;
  Authenticator auth;

  @BeforeEach void setUp() {
    store = Store.open(Store.h2FileUrl(tmp.resolve("db")), null, null, 2, clock, new DocumentParser(Set.of()));
    var hasher = new Authenticator.PasswordHasher(4); // the cost does not change the logic; tests stay fast
    accounts = new Accounts(store.users(), hasher, clock);
    auth = new Authenticator(store.users(), hasher, clock);
    accounts.createUser("carol", EnumSet.of(Role.APPROVER), Optional.of("carol-long-password"), "admin");
  }

  @AfterEach void tearDown() { store.close(); }

  @Test void aTokenAuthenticatesItsUserUntilItExpiresOrIsRevoked() {
    var issued = accounts.issueToken("carol", "ci", Optional.of(Duration.ofHours(1)), "admin");
    assertThat(issued.secret()).startsWith("sut_").hasSize(4 + 43);
    assertThat(auth.authenticate("Bearer " + issued.secret())).contains(new Actor("carol", Set.of(Role.APPROVER)));
    assertThat(auth.authenticate("Bearer " + issued.secret() + "x")).isEmpty();
    clock.advance(Duration.ofHours(1));
    assertThat(auth.authenticate("Bearer " + issued.secret())).as("expired").isEmpty();

    var other = accounts.issueToken("carol", "laptop", Optional.empty(), "admin");
    accounts.revoke(other.token().id(), new Actor("carol", Set.of(Role.APPROVER)));
    assertThat(auth.authenticate("Bearer " + other.secret())).as("revoked").isEmpty();
  }

  @Test void passwordsWorkThroughBasicAndLoginButNotForDisabledUsers() {
    assertThat(auth.authenticate(basic("carol", "carol-long-password"))).isPresent();
    assertThat(auth.authenticate(basic("carol", "wrong-password-xx"))).isEmpty();
    assertThat(auth.authenticate(basic("nobody", "carol-long-password"))).isEmpty();
    assertThat(auth.authenticate("Basic !!!")).isEmpty();
    accounts.update("carol", Optional.empty(), Optional.empty(), Optional.of(true), "admin");
    assertThat(auth.login("carol", "carol-long-password")).isEmpty();
  }

  @Test void onlyAnAdminRevokesSomeoneElsesToken() {
    accounts.createUser("dave", EnumSet.of(Role.VIEWER), Optional.empty(), "admin");
    var daves = accounts.issueToken("dave", "", Optional.empty(), "admin");
    assertThatThrownBy(() -> accounts.revoke(daves.token().id(), new Actor("carol", Set.of(Role.APPROVER))))
        .isInstanceOf(ForbiddenException.class);
    accounts.revoke(daves.token().id(), new Actor("root", Set.of(Role.ADMIN)));
    assertThat(auth.authenticate("Bearer " + daves.secret())).isEmpty();
  }

  @Test void shortPasswordsAndBadNamesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> accounts.createUser("erin", EnumSet.of(Role.VIEWER), Optional.of("short"), "admin"))
        .hasMessageStartingWith("password: at least 12 characters");
    assertThatThrownBy(() -> accounts.createUser("Erin Smith", EnumSet.of(Role.VIEWER), Optional.empty(), "admin"))
        .hasMessageContaining("name 'Erin Smith' must be");
  }

  @Test void theFirstStartWritesAnOwnerOnlyAdminTokenOnceAndNeverAgain() throws Exception {
    Store fresh = Store.open(Store.h2FileUrl(tmp.resolve("fresh")), null, null, 2, clock, new DocumentParser(Set.of()));
    try {
      var hasher = new Authenticator.PasswordHasher(4);
      Accounts a = new Accounts(fresh.users(), hasher, clock);
      AdminBootstrap.run(fresh.users(), a, tmp.resolve("data"));
      Path file = tmp.resolve("data").resolve(AdminBootstrap.FILE);
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      String token = Files.readString(file).strip();
      Actor admin = new Authenticator(fresh.users(), hasher, clock).authenticate("Bearer " + token).orElseThrow();
      assertThat(admin.name()).isEqualTo("admin");
      assertThat(admin.roles()).containsExactlyInAnyOrder(Role.values());
      Files.delete(file);
      AdminBootstrap.run(fresh.users(), a, tmp.resolve("data"));
      assertThat(file).as("users exist: no second admin token").doesNotExist();
    } finally {
      fresh.close();
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
