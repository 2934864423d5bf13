package dev.suture.core.port;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.auth.ApiToken;
import dev.suture.core.auth.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: local users and their API tokens. Every mutation is audited in the same transaction.
 * Token lookups go by the token's hash only; the store never sees a clear token or password.
 */
public interface UserStore {
  /** A user and one of their tokens, as found by the token's hash. */
  record TokenOwner(ApiToken token, User user) {}

  long countUsers();

  /** @throws dev.suture.core.engine.ConflictException if the name is taken */
  User create(User user, AuditRecord audit);

  Optional<User> find(String name);

  List<User> list();

  /** Replaces roles, password hash and disabled flag of an existing user. */
  User update(User user, AuditRecord audit);

  ApiToken addToken(ApiToken token, String tokenHash, AuditRecord audit);

  Optional<TokenOwner> findByTokenHash(String tokenHash);

  /** @param user null for every user's tokens */
  List<ApiToken> tokens(String user);

  /** @return false if no such token (or it was already revoked) */
  boolean revokeToken(String id, Instant at, AuditRecord audit);

  /** Records use; callers throttle it (it is a write per call). */
  void touchToken(String id, Instant at);
}
