package dev.suture.store;

import dev.suture.core.audit.AuditChain;
import dev.suture.core.audit.AuditEvent;
import dev.suture.core.audit.AuditRecord;
import dev.suture.core.audit.AuditVerification;
import dev.suture.core.port.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The audit trail in audit_events, chained by SHA-256. */
public final class JdbcAuditLog implements AuditLog {
  private final Jdbc jdbc;
  private final Clock clock;

  JdbcAuditLog(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override public void append(List<AuditRecord> records) {
    jdbc.tx(c -> AuditAppender.append(c, records, clock.instant()));
  }

  @Override public List<AuditEvent> list(long afterSequence, int limit) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_events WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
        ps.setLong(1, afterSequence);
        ps.setInt(2, limit);
        return collect(ps);
      }
    });
  }

  @Override public List<AuditEvent> forSubject(String subject) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_events WHERE subject = ? ORDER BY sequence")) {
        ps.setString(1, subject);
        return collect(ps);
      }
    });
  }

  /** Streams the whole chain in sequence order, then checks that the head row agrees with its end. */
  @Override public AuditVerification verify() {
    return jdbc.read(c -> {
      var verifier = new AuditChain.Verifier();
      long last = 0;
      String lastHash = AuditChain.GENESIS;
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_events ORDER BY sequence")) {
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            AuditEvent e = AuditAppender.read(rs);
            if (!verifier.accept(e)) return verifier.result();
            last = e.sequence();
            lastHash = e.hash();
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT sequence, hash FROM audit_head WHERE id = 1");
           ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return AuditVerification.broken(verifier.result().events(), last, "audit head row is missing");
        if (rs.getLong(1) != last || !rs.getString(2).equals(lastHash))
          return AuditVerification.broken(verifier.result().events(), rs.getLong(1),
              "the chain ends at event " + last + " but the head records event " + rs.getLong(1) + " (events were deleted from the end)");
      }
      return verifier.result();
    });
  }

  static List<AuditEvent> collect(PreparedStatement ps) throws java.sql.SQLException {
    List<AuditEvent> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(AuditAppender.read(rs));
    }
    return out;
  }
}
