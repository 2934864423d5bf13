package dev.suture.store;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.audit.AuditRecord;
import dev.suture.core.json.Json;
import dev.suture.core.port.Incident;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Incidents, numbered after the audit event that opened them (unique without a sequence object). */
final class IncidentRepository {
  private final Jdbc jdbc;
  private final Clock clock;

  IncidentRepository(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Incident insert(Connection c, Incident incident, AuditRecord audit) throws SQLException {
    List<AuditEvent> opened = AuditAppender.append(c, List.of(audit), clock.instant());
    String id = "INC-" + opened.get(0).sequence();
    List<AuditEvent> timeline = new ArrayList<>(incident.timeline());
    timeline.addAll(opened);
    Incident stored = new Incident(id, incident.rolloutId(), incident.priority(), incident.title(), incident.state(),
        incident.createdAt(), timeline);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidents (id, rollout_id, priority, title, state, created_at, timeline) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, stored.rolloutId());
      ps.setString(3, stored.priority());
      ps.setString(4, stored.title());
      ps.setString(5, stored.state());
      Jdbc.setTime(ps, 6, stored.createdAt());
      ps.setString(7, Json.write(timeline.stream().map(IncidentRepository::toMap).toList()));
      ps.executeUpdate();
    }
    return stored;
  }

  List<Incident> list(String rolloutId) {
    return jdbc.read(c -> {
      List<Incident> out = new ArrayList<>();
      String sql = "SELECT * FROM incidents" + (rolloutId == null ? "" : " WHERE rollout_id = ?") + " ORDER BY created_at DESC, id DESC";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (rolloutId != null) ps.setString(1, rolloutId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(row(rs));
        }
      }
      return out;
    });
  }

  /** One incident by id, read inside the caller's transaction (governance locks the row first). */
  java.util.Optional<Incident> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM incidents WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? java.util.Optional.of(row(rs)) : java.util.Optional.empty();
      }
    }
  }

  private static Incident row(ResultSet rs) throws SQLException {
    return new Incident(rs.getString("id"), rs.getString("rollout_id"), rs.getString("priority"), rs.getString("title"),
        rs.getString("state"), Jdbc.time(rs, "created_at"), timeline(rs.getString("timeline")));
  }

  private static Map<String, Object> toMap(AuditEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sequence", e.sequence());
    m.put("time", e.time().toString());
    m.put("actor", e.actor());
    m.put("action", e.action());
    m.put("subject", e.subject());
    m.put("details", e.details());
    m.put("previousHash", e.previousHash());
    m.put("hash", e.hash());
    return m;
  }

  @SuppressWarnings("unchecked")
  private static List<AuditEvent> timeline(String json) {
    List<AuditEvent> out = new ArrayList<>();
    for (Object o : (List<Object>) Json.read(json)) {
      Map<String, Object> m = (Map<String, Object>) o;
      out.add(new AuditEvent(((Number) m.get("sequence")).longValue(), Instant.parse((String) m.get("time")), (String) m.get("actor"),
          (String) m.get("action"), (String) m.get("subject"), (String) m.get("details"), (String) m.get("previousHash"),
          (String) m.get("hash")));
    }
    return out;
  }
}
