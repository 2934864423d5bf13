package dev.suture.store;

import dev.suture.core.notify.Delivery;
import dev.suture.core.notify.DeliveryState;
import dev.suture.core.notify.NotificationEvent;
import dev.suture.core.port.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** notification_outbox rows ↔ {@link Delivery}. */
final class OutboxRows {
  private OutboxRows() {}

  /** The row, locked for the rest of the transaction (state changes read-check-write under it). */
  static Delivery locked(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM notification_outbox WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new NotFoundException("notification", Long.toString(id));
        return read(rs);
      }
    }
  }

  static Optional<Delivery> select(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM notification_outbox WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  static Delivery read(ResultSet rs) throws SQLException {
    String type = rs.getString("event_type");
    return new Delivery(rs.getLong("id"), rs.getString("event_key"), rs.getString("channel"),
        NotificationEvent.fromName(type).orElseThrow(() -> new SQLException("unknown event_type '" + type + "'")),
        rs.getString("subject"), rs.getString("payload"), rs.getString("url"), DeliveryState.valueOf(rs.getString("state")),
        rs.getInt("attempts"), Jdbc.time(rs, "next_attempt_at"), rs.getString("last_error"), Jdbc.time(rs, "created_at"),
        Jdbc.time(rs, "sent_at"));
  }
}
