package dev.suture.store;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.notify.Backoff;
import dev.suture.core.notify.Delivery;
import dev.suture.core.notify.DeliveryState;
import dev.suture.core.port.NotificationOutbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox in notification_outbox. Claiming is a compare-and-set on next_attempt_at (as rollout
 * leases are): portable, and only one of two racing nodes can win a row. On PostgreSQL the
 * candidate query also skips rows another node has locked, so nodes do not queue behind each other.
 */
public final class JdbcNotificationOutbox implements NotificationOutbox {
  private final Jdbc jdbc;
  private final Clock clock;
  private final NotificationRelay relay;

  JdbcNotificationOutbox(Jdbc jdbc, Clock clock, DocumentParser parser) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.relay = new NotificationRelay(parser);
  }

  @Override public int relay(int maxEvents) { return jdbc.tx(c -> relay.relay(c, maxEvents, clock.instant())); }

  @Override public List<Delivery> claim(Instant now, Duration hold, int limit) {
    return jdbc.tx(c -> {
      List<Long> candidates = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM notification_outbox WHERE state = 'PENDING' AND next_attempt_at <= ? "
          + "ORDER BY next_attempt_at, id LIMIT ?" + (Jdbc.isPostgres(c) ? " FOR UPDATE SKIP LOCKED" : ""))) {
        Jdbc.setTime(ps, 1, now);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) candidates.add(rs.getLong(1));
        }
      }
      List<Delivery> claimed = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET next_attempt_at = ? "
          + "WHERE id = ? AND state = 'PENDING' AND next_attempt_at <= ?")) {
        for (long id : candidates) {
          Jdbc.setTime(ps, 1, now.plus(hold));
          ps.setLong(2, id);
          Jdbc.setTime(ps, 3, now);
          if (ps.executeUpdate() == 1) claimed.add(OutboxRows.select(c, id).orElseThrow());
          // 0 rows: another node claimed it between our select and update (expected race on H2).
        }
      }
      return claimed;
    });
  }

  @Override public void markSent(long id, Instant now) {
    jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET state = 'SENT', sent_at = ?, attempts = attempts + 1, "
          + "last_error = NULL WHERE id = ? AND state = 'PENDING'")) {
        Jdbc.setTime(ps, 1, now);
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override public Delivery markFailed(long id, String error, Instant now, Backoff backoff) {
    return jdbc.tx(c -> {
      Delivery d = OutboxRows.locked(c, id);
      if (d.state() != DeliveryState.PENDING) return d; // sent or given up by another node meanwhile
      int failures = d.attempts() + 1;
      DeliveryState next = d.state().transitionTo(backoff.exhausted(failures) ? DeliveryState.DEAD : DeliveryState.PENDING);
      try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET state = ?, attempts = ?, next_attempt_at = ?, "
          + "last_error = ? WHERE id = ?")) {
        ps.setString(1, next.name());
        ps.setInt(2, failures);
        Jdbc.setTime(ps, 3, next == DeliveryState.DEAD ? now : now.plus(backoff.delayAfter(failures)));
        ps.setString(4, error.length() > 2000 ? error.substring(0, 2000) : error);
        ps.setLong(5, id);
        ps.executeUpdate();
      }
      return OutboxRows.select(c, id).orElseThrow();
    });
  }

  @Override public List<Delivery> list(Optional<DeliveryState> state, int limit) {
    return jdbc.read(c -> {
      List<Delivery> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM notification_outbox" + (state.isPresent() ? " WHERE state = ?" : "")
          + " ORDER BY id DESC LIMIT ?")) {
        int i = 1;
        if (state.isPresent()) ps.setString(i++, state.get().name());
        ps.setInt(i, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(OutboxRows.read(rs));
        }
      }
      return out;
    });
  }

  @Override public Optional<Delivery> find(long id) { return jdbc.read(c -> OutboxRows.select(c, id)); }

  @Override public Delivery retry(long id, String actor, Instant now) {
    return jdbc.tx(c -> {
      Delivery d = OutboxRows.locked(c, id);
      if (d.state() != DeliveryState.DEAD)
        throw new ConflictException("notification " + id + " is " + d.state() + "; only a DEAD notification can be retried");
      d.state().transitionTo(DeliveryState.PENDING);
      try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET state = 'PENDING', attempts = 0, next_attempt_at = ? "
          + "WHERE id = ?")) {
        Jdbc.setTime(ps, 1, now);
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      AuditAppender.append(c, List.of(AuditRecord.of(actor, "notification.retried", "notification/" + id, "eventKey", d.eventKey(),
          "channel", d.channel(), "attempts", d.attempts())), now);
      return OutboxRows.select(c, id).orElseThrow();
    });
  }
}
