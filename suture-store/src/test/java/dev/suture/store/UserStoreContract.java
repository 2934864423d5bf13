package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.auth.ApiToken;
import dev.suture.core.auth.Role;
import dev.suture.core.auth.User;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.port.UserStore;
import dev.suture.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UserStore port's contract, run against H2 and PostgreSQL. */
abstract class UserStoreContract {
  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-11-22T10:00:00Z");
  Store store;
  UserStore users;

  abstract String url();
  String user() { return null; }
  String password() { return null; }

  @BeforeEach void setUp() {
    store = Store.open(url(), user(), password(), 4, clock, new DocumentParser(Set.of("fake")));
    users = store.users();
  }

  @AfterEach void tearDown() {
    if (store != null) store.close();
  }

  User alice() { return new User("alice", EnumSet.of(Role.REQUESTER, Role.VIEWER), Optional.of("$2a$12$hash"), false, clock.instant()); }

  @Test void createsFindsAndListsUsersAndAuditsTheCreation() {
    assertThat(users.countUsers()).isZero();
    users.create(alice(), AuditRecord.of("admin", "user.created", "user/alice"));
    users.create(new User("bob", Set.of(Role.APPROVER), Optional.empty(), false, clock.instant()), AuditRecord.of("admin", "user.created", "user/bob"));
    assertThat(users.countUsers()).isEqualTo(2);
    assertThat(users.find("alice")).contains(alice());
    assertThat(users.find("bob").orElseThrow().passwordHash()).isEmpty();
    assertThat(users.list()).extracting(User::name).containsExactly("alice", "bob");
    assertThat(store.audit().forSubject("user/alice")).extracting(e -> e.action()).containsExactly("user.created");
    assertThat(store.audit().verify().intact()).isTrue();
  }

  @Test void aTakenNameIsAConflictAndNothingIsWritten() {
    users.create(alice(), AuditRecord.of("admin", "user.created", "user/alice"));
    assertThatThrownBy(() -> users.create(alice(), AuditRecord.of("admin", "user.created", "user/alice")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("user 'alice' already exists");
    assertThat(store.audit().forSubject("user/alice")).hasSize(1);
  }

  @Test void updatesRolesAndDisablesAndRefusesUnknownUsers() {
    users.create(alice(), AuditRecord.of("admin", "user.created", "user/alice"));
    users.update(new User("alice", Set.of(Role.OPERATOR), Optional.empty(), true, alice().createdAt()), AuditRecord.of("admin", "user.updated", "user/alice"));
    User u = users.find("alice").orElseThrow();
    assertThat(u.roles()).containsExactly(Role.OPERATOR);
    assertThat(u.disabled()).isTrue();
    assertThat(u.passwordHash()).isEmpty();
    assertThatThrownBy(() -> users.update(new User("zed", Set.of(Role.VIEWER), Optional.empty(), false, clock.instant()),
        AuditRecord.of("admin", "user.updated", "user/zed"))).isInstanceOf(NotFoundException.class);
  }

  @Test void tokensAreFoundByHashOnlyAndCanBeRevokedOnce() {
    users.create(alice(), AuditRecord.of("admin", "user.created", "user/alice"));
    Instant now = clock.instant();
    ApiToken t = new ApiToken("tok-1", "alice", "laptop", now, Optional.of(now.plus(Duration.ofDays(1))), Optional.empty(), Optional.empty());
    users.addToken(t, "a".repeat(64), AuditRecord.of("admin", "token.created", "user/alice"));
    var found = users.findByTokenHash("a".repeat(64)).orElseThrow();
    assertThat(found.user().name()).isEqualTo("alice");
    assertThat(found.token()).isEqualTo(t);
    assertThat(found.token().validAt(now)).isTrue();
    assertThat(found.token().validAt(now.plus(Duration.ofDays(1)))).as("expired at expiresAt").isFalse();
    assertThat(users.findByTokenHash("b".repeat(64))).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    users.touchToken("tok-1", clock.instant());
    assertThat(users.tokens("alice").get(0).lastUsedAt()).contains(clock.instant());
    assertThat(users.revokeToken("tok-1", clock.instant(), AuditRecord.of("alice", "token.revoked", "user/alice"))).isTrue();
    assertThat(users.revokeToken("tok-1", clock.instant(), AuditRecord.of("alice", "token.revoked", "user/alice"))).isFalse();
    assertThat(users.findByTokenHash("a".repeat(64)).orElseThrow().token().validAt(clock.instant())).isFalse();
    assertThat(users.tokens(null)).hasSize(1);
    assertThat(store.audit().forSubject("user/alice")).extracting(e -> e.action())
        .containsExactly("user.created", "token.created", "token.revoked");
  }
}
