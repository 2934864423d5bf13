package dev.suture.store;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.auth.ApiToken;
import dev.suture.core.auth.Role;
import dev.suture.core.auth.User;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.port.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Users and API tokens over JDBC (portable SQL, H2 and PostgreSQL). */
public final class JdbcUserStore implements UserStore {
  private static final String UNIQUE_VIOLATION = "23505";
  private final Jdbc jdbc;
  private final Clock clock;

  JdbcUserStore(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override public long countUsers() {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override public User create(User user, AuditRecord audit) {
    return jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO users (name, roles, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, user.name());
        ps.setString(2, roles(user.roles()));
        ps.setString(3, user.passwordHash().orElse(null));
        ps.setBoolean(4, user.disabled());
        Jdbc.setTime(ps, 5, user.createdAt());
        ps.executeUpdate();
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) throw new ConflictException("user '" + user.name() + "' already exists");
        throw e;
      }
      AuditAppender.append(c, List.of(audit), clock.instant());
      return user;
    });
  }

  @Override public Optional<User> find(String name) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(user(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override public List<User> list() {
    return jdbc.read(c -> {
      List<User> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users ORDER BY name"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(user(rs));
      }
      return out;
    });
  }

  @Override public User update(User user, AuditRecord audit) {
    return jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET roles = ?, password_hash = ?, disabled = ? WHERE name = ?")) {
        ps.setString(1, roles(user.roles()));
        ps.setString(2, user.passwordHash().orElse(null));
        ps.setBoolean(3, user.disabled());
        ps.setString(4, user.name());
        if (ps.executeUpdate() == 0) throw new NotFoundException("user", user.name());
      }
      AuditAppender.append(c, List.of(audit), clock.instant());
      return user;
    });
  }

  @Override public ApiToken addToken(ApiToken token, String tokenHash, AuditRecord audit) {
    return jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (id, user_name, token_hash, label, created_at, expires_at) "
          + "VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, token.id());
        ps.setString(2, token.user());
        ps.setString(3, tokenHash);
        ps.setString(4, token.label());
        Jdbc.setTime(ps, 5, token.createdAt());
        Jdbc.setTime(ps, 6, token.expiresAt().orElse(null));
        ps.executeUpdate();
      }
      AuditAppender.append(c, List.of(audit), clock.instant());
      return token;
    });
  }

  @Override public Optional<TokenOwner> findByTokenHash(String tokenHash) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.user_name, t.label, t.created_at AS t_created, t.expires_at, "
          + "t.last_used_at, t.revoked_at, u.* FROM api_tokens t JOIN users u ON u.name = t.user_name WHERE t.token_hash = ?")) {
        ps.setString(1, tokenHash);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new TokenOwner(token(rs, "t_created"), user(rs))) : Optional.empty();
        }
      }
    });
  }

  @Override public List<ApiToken> tokens(String user) {
    return jdbc.read(c -> {
      List<ApiToken> out = new ArrayList<>();
      String sql = "SELECT id, user_name, label, created_at, expires_at, last_used_at, revoked_at FROM api_tokens"
          + (user == null ? "" : " WHERE user_name = ?") + " ORDER BY created_at, id";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (user != null) ps.setString(1, user);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(token(rs, "created_at"));
        }
      }
      return out;
    });
  }

  @Override public boolean revokeToken(String id, Instant at, AuditRecord audit) {
    return jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
        Jdbc.setTime(ps, 1, at);
        ps.setString(2, id);
        if (ps.executeUpdate() == 0) return false;
      }
      AuditAppender.append(c, List.of(audit), clock.instant());
      return true;
    });
  }

  @Override public void touchToken(String id, Instant at) {
    jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")) {
        Jdbc.setTime(ps, 1, at);
        ps.setString(2, id);
        return ps.executeUpdate();
      }
    });
  }

  private static String roles(Set<Role> roles) {
    return roles.stream().sorted().map(Role::wireName).collect(Collectors.joining(","));
  }

  private static User user(ResultSet rs) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String r : rs.getString("roles").split(",")) roles.add(Role.fromWire(r));
    return new User(rs.getString("name"), roles, Optional.ofNullable(rs.getString("password_hash")), rs.getBoolean("disabled"),
        Jdbc.time(rs, "created_at"));
  }

  private static ApiToken token(ResultSet rs, String createdColumn) throws SQLException {
    return new ApiToken(rs.getString("id"), rs.getString("user_name"), rs.getString("label"), Jdbc.time(rs, createdColumn),
        Optional.ofNullable(Jdbc.time(rs, "expires_at")), Optional.ofNullable(Jdbc.time(rs, "last_used_at")),
        Optional.ofNullable(Jdbc.time(rs, "revoked_at")));
  }
}
