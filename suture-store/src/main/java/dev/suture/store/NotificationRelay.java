package dev.suture.store;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.json.Json;
import dev.suture.core.notify.Delivery;
import dev.suture.core.notify.DeliveryState;
import dev.suture.core.notify.Notification;
import dev.suture.core.notify.NotificationChannel;
import dev.suture.core.notify.NotificationEvent;
import dev.suture.core.notify.NotificationMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit log → outbox, in one transaction with the cursor. The cursor row is locked first, so two
 * nodes relay one after the other and never queue an event twice (event_key's UNIQUE is the
 * backstop). Audit sequences become visible in order (appenders serialise on audit_head), so
 * reading "after the cursor" cannot skip an event that commits later.
 */
final class NotificationRelay {
  private static final Logger log = LoggerFactory.getLogger(NotificationRelay.class);

  private final DocumentParser parser;

  NotificationRelay(DocumentParser parser) { this.parser = parser; }

  private record Row(Notification n, String channel, String url) {}

  int relay(Connection c, int maxEvents, Instant now) throws SQLException {
    long cursor;
    try (PreparedStatement ps = c.prepareStatement("SELECT last_sequence FROM notification_cursor WHERE id = 1 FOR UPDATE");
         ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) throw new SQLException("notification_cursor row missing: the schema was tampered with");
      cursor = rs.getLong(1);
    }
    List<AuditEvent> events;
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_events WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
      ps.setLong(1, cursor);
      ps.setInt(2, maxEvents);
      events = JdbcAuditLog.collect(ps);
    }
    if (events.isEmpty()) return 0;
    List<NotificationChannel> channels = null;
    List<Row> rows = new ArrayList<>();
    for (AuditEvent e : events) {
      Notification n = NotificationMapping.from(e).orElse(null);
      if (n == null) continue;
      if (channels == null) channels = channels(c);
      int before = rows.size();
      for (NotificationChannel ch : channels) if (ch.accepts(n)) rows.add(new Row(n, ch.name(), null));
      if (rows.size() == before && n.details().get("channel") != null)
        log.warn("{} names channel '{}', which does not exist (or does not take rollout.notice): nobody was told", n.subject(),
            n.details().get("channel"));
      if (n.event() == NotificationEvent.ROLLOUT_NOTICE) {
        // The plan's own webhook: its URL stays in the audit details and goes to this row only.
        Object url = Json.readObject(e.details()).get("webhook");
        if (url instanceof String u && !u.isBlank()) rows.add(new Row(n, Delivery.PLAN_WEBHOOK, u));
      }
    }
    insert(c, rows, now);
    try (PreparedStatement ps = c.prepareStatement("UPDATE notification_cursor SET last_sequence = ? WHERE id = 1")) {
      ps.setLong(1, events.get(events.size() - 1).sequence());
      ps.executeUpdate();
    }
    return events.size();
  }

  private List<NotificationChannel> channels(Connection c) throws SQLException {
    List<NotificationChannel> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT name, yaml FROM documents WHERE kind = ? ORDER BY name")) {
      ps.setString(1, DocumentKind.NOTIFICATION_CHANNEL.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          try {
            List<Document> docs = parser.parse("notificationchannel/" + rs.getString(1), rs.getString(2));
            out.add(docs.get(0).as(NotificationChannel.class));
          } catch (RuntimeException ex) {
            // Stored documents were valid when applied; one that no longer parses must not stop the others.
            log.error("bug: stored NotificationChannel {} does not parse; skipped: {}", rs.getString(1), ex.getMessage());
          }
        }
      }
    }
    return out;
  }

  /** Only the relay inserts, and only while holding the cursor lock: max + 1 is safe and needs no sequence. */
  private static void insert(Connection c, List<Row> rows, Instant now) throws SQLException {
    if (rows.isEmpty()) return;
    long id;
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM notification_outbox"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      id = rs.getLong(1);
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification_outbox (id, event_key, channel, event_type, subject, payload, "
        + "url, state, attempts, next_attempt_at, last_error, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, NULL, ?, NULL)")) {
      for (Row r : rows) {
        ps.setLong(1, ++id);
        ps.setString(2, r.n().sequence() + ":" + r.channel());
        ps.setString(3, r.channel());
        ps.setString(4, r.n().event().eventName());
        ps.setString(5, r.n().subject());
        ps.setString(6, r.n().toJson());
        ps.setString(7, r.url());
        ps.setString(8, DeliveryState.PENDING.name());
        Jdbc.setTime(ps, 9, now);
        Jdbc.setTime(ps, 10, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
