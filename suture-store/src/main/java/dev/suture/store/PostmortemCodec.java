package dev.suture.store;

import dev.suture.core.incident.ActionItem;
import dev.suture.core.incident.Postmortem;
import dev.suture.core.incident.TimelineEntry;
import dev.suture.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The postmortems table: one row per incident, timeline and action items as JSON text. */
final class PostmortemCodec {
  private PostmortemCodec() {}

  static Optional<Postmortem> find(Connection c, String incidentId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM postmortems WHERE incident_id = ?")) {
      ps.setString(1, incidentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new Postmortem(incidentId, rs.getString("root_cause"), timeline(rs.getString("timeline")),
            actions(rs.getString("action_items")), rs.getString("author"), Jdbc.time(rs, "completed_at")));
      }
    }
  }

  /** Insert or replace; portable (no MERGE/ON CONFLICT dialects): the caller holds the incident row lock. */
  static void save(Connection c, Postmortem p, Instant now) throws SQLException {
    boolean exists = find(c, p.incidentId()).isPresent();
    String sql = exists
        ? "UPDATE postmortems SET root_cause = ?, timeline = ?, action_items = ?, author = ?, updated_at = ?, completed_at = ? WHERE incident_id = ?"
        : "INSERT INTO postmortems (root_cause, timeline, action_items, author, updated_at, completed_at, incident_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, p.rootCause());
      ps.setString(2, Json.write(p.timeline().stream().map(PostmortemCodec::toMap).toList()));
      ps.setString(3, Json.write(p.actionItems().stream().map(PostmortemCodec::toMap).toList()));
      ps.setString(4, p.author());
      Jdbc.setTime(ps, 5, now);
      Jdbc.setTime(ps, 6, p.completedAt());
      ps.setString(7, p.incidentId());
      ps.executeUpdate();
    }
  }

  private static Map<String, Object> toMap(TimelineEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", e.at().toString());
    m.put("description", e.description());
    return m;
  }

  private static Map<String, Object> toMap(ActionItem a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", a.description());
    m.put("owner", a.owner());
    m.put("due", a.due() == null ? null : a.due().toString());
    m.put("done", a.done());
    return m;
  }

  @SuppressWarnings("unchecked")
  private static List<TimelineEntry> timeline(String json) {
    List<TimelineEntry> out = new ArrayList<>();
    for (Object o : (List<Object>) Json.read(json)) {
      Map<String, Object> m = (Map<String, Object>) o;
      out.add(new TimelineEntry(Instant.parse((String) m.get("at")), (String) m.get("description")));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<ActionItem> actions(String json) {
    List<ActionItem> out = new ArrayList<>();
    for (Object o : (List<Object>) Json.read(json)) {
      Map<String, Object> m = (Map<String, Object>) o;
      String due = (String) m.get("due");
      out.add(new ActionItem((String) m.get("description"), (String) m.get("owner"), due == null ? null : LocalDate.parse(due),
          Boolean.TRUE.equals(m.get("done"))));
    }
    return out;
  }
}
