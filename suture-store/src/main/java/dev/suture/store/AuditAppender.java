package dev.suture.store;

import dev.suture.core.audit.AuditChain;
import dev.suture.core.audit.AuditEvent;
import dev.suture.core.audit.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Appends audit events inside the caller's transaction, so a mutation and its audit record commit
 * together. Locking the head row serialises appenders (also across nodes).
 */
final class AuditAppender {
  private AuditAppender() {}

  static List<AuditEvent> append(Connection c, Collection<AuditRecord> records, Instant now) throws SQLException {
    if (records.isEmpty()) return List.of();
    long seq;
    String prev;
    try (PreparedStatement ps = c.prepareStatement("SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE");
         ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) throw new SQLException("audit_head row missing: the schema was tampered with");
      seq = rs.getLong(1);
      prev = rs.getString(2);
    }
    List<AuditEvent> events = new ArrayList<>(records.size());
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_events (sequence, event_time, actor, action, subject, details, "
        + "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AuditRecord r : records) {
        AuditEvent e = AuditChain.seal(++seq, now, r, prev);
        prev = e.hash();
        events.add(e);
        ps.setLong(1, e.sequence());
        Jdbc.setTime(ps, 2, e.time());
        ps.setString(3, e.actor());
        ps.setString(4, e.action());
        ps.setString(5, e.subject());
        ps.setString(6, e.details());
        ps.setString(7, e.previousHash());
        ps.setString(8, e.hash());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1")) {
      ps.setLong(1, seq);
      ps.setString(2, prev);
      ps.executeUpdate();
    }
    return events;
  }

  static AuditEvent read(ResultSet rs) throws SQLException {
    return new AuditEvent(rs.getLong("sequence"), Jdbc.time(rs, "event_time"), rs.getString("actor"), rs.getString("action"),
        rs.getString("subject"), rs.getString("details"), rs.getString("previous_hash"), rs.getString("hash"));
  }
}
