package dev.suture.store;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.change.ChangeRequest;
import dev.suture.core.change.ChangeRequestStore;
import dev.suture.core.change.ChangeState;
import dev.suture.core.change.StaleChangeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Change requests in change_requests (+ environments and approvals). Each write and its audit
 * records commit in one transaction; updates are fenced by lock_version (zero rows = someone saved
 * first: {@link StaleChangeException}, the caller re-reads and decides again).
 */
public final class JdbcChangeRequestStore implements ChangeRequestStore {
  private final Jdbc jdbc;
  private final Clock clock;

  JdbcChangeRequestStore(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** On a database {@link Store} has already migrated (it owns the Flyway run). */
  public static JdbcChangeRequestStore on(DataSource ds, Clock clock) { return new JdbcChangeRequestStore(new Jdbc(ds), clock); }

  @Override public ChangeRequest insert(ChangeRequest cr, List<AuditRecord> audit) {
    ChangeRequest stored = cr.withVersion(1);
    return jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_requests (" + ChangeRows.COLUMNS + ", lock_version, id) VALUES ("
          + "?, ".repeat(ChangeRows.COLUMN_COUNT) + "?, ?)")) {
        int i = ChangeRows.bind(ps, stored);
        ps.setLong(i++, stored.version());
        ps.setString(i, stored.id());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_request_environments (change_request_id, environment) VALUES (?, ?)")) {
        for (String env : stored.draft().environments()) {
          ps.setString(1, stored.id());
          ps.setString(2, env);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      ChangeRows.writeApprovals(c, stored);
      AuditAppender.append(c, audit, clock.instant());
      return stored;
    });
  }

  @Override public ChangeRequest update(ChangeRequest cr, List<AuditRecord> audit) {
    ChangeRequest stored = cr.withVersion(cr.version() + 1);
    return jdbc.tx(c -> {
      StringBuilder set = new StringBuilder();
      for (String col : ChangeRows.COLUMNS.split(", ")) set.append(set.length() == 0 ? "" : ", ").append(col).append(" = ?");
      try (PreparedStatement ps = c.prepareStatement("UPDATE change_requests SET " + set + ", lock_version = ? WHERE id = ? AND lock_version = ?")) {
        int i = ChangeRows.bind(ps, stored);
        ps.setLong(i++, stored.version());
        ps.setString(i++, stored.id());
        ps.setLong(i, cr.version());
        if (ps.executeUpdate() == 0) throw new StaleChangeException(cr.id(), cr.version());
      }
      ChangeRows.writeApprovals(c, stored);
      AuditAppender.append(c, audit, clock.instant());
      return stored;
    });
  }

  @Override public Optional<ChangeRequest> find(String id) {
    return jdbc.read(c -> {
      List<ChangeRequest> found = select(c, "WHERE id = ?", ps -> ps.setString(1, id));
      return found.stream().findFirst();
    });
  }

  @Override public List<ChangeRequest> list(ChangeState state, int limit) {
    return jdbc.read(c -> select(c, (state == null ? "" : "WHERE state = ? ") + "ORDER BY created_at DESC, id DESC LIMIT ?", ps -> {
      int i = 1;
      if (state != null) ps.setString(i++, state.name());
      ps.setInt(i, limit);
    }));
  }

  @Override public List<ChangeRequest> reviewsOverdue(Instant now) {
    return jdbc.read(c -> select(c, "WHERE review_due <= ? AND review_done_at IS NULL AND review_overdue_at IS NULL ORDER BY review_due",
        ps -> Jdbc.setTime(ps, 1, now)));
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static List<ChangeRequest> select(Connection c, String where, Binder binder) throws SQLException {
    List<ChangeRequest> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM change_requests " + where)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(ChangeRows.read(c, rs));
      }
    }
    return out;
  }
}
