package dev.suture.store;

import dev.suture.core.json.Json;
import dev.suture.core.model.Priority;
import dev.suture.core.registry.PatchFields;
import dev.suture.core.registry.PatchRecord;
import dev.suture.core.registry.PatchRef;
import dev.suture.core.registry.PatchStatus;
import dev.suture.core.registry.RegressionRisk;
import dev.suture.core.registry.StatusChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for patch_registry and its timeline: a record in, a record out. */
final class RegistryRows {
  private static final String COLUMNS = "title = ?, priority = ?, tickets = ?, cves = ?, status = ?, justification = ?, "
      + "affected_versions = ?, risk_level = ?, risk_notes = ?, created_at = ?, proposed_at = ?, due_at = ?, finished_at = ?, version = ?";

  private RegistryRows() {}

  static void insert(Connection c, PatchRecord r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO patch_registry (title, priority, tickets, cves, status, justification, "
        + "affected_versions, risk_level, risk_notes, created_at, proposed_at, due_at, finished_at, version, patch_id) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(ps, r);
      ps.setString(15, r.patchId());
      ps.executeUpdate();
    }
    appendTimeline(c, r, 0);
  }

  /** Writes {@code r} over the row at {@code expectedVersion}; false when someone else wrote first. */
  static boolean update(Connection c, PatchRecord r, long expectedVersion, int timelineAlreadyStored) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE patch_registry SET " + COLUMNS + " WHERE patch_id = ? AND version = ?")) {
      bind(ps, r);
      ps.setString(15, r.patchId());
      ps.setLong(16, expectedVersion);
      if (ps.executeUpdate() == 0) return false;
    }
    appendTimeline(c, r, timelineAlreadyStored);
    return true;
  }

  private static void bind(PreparedStatement ps, PatchRecord r) throws SQLException {
    ps.setString(1, r.ref().title());
    ps.setString(2, r.ref().priority().name());
    ps.setString(3, Json.write(r.ref().tickets()));
    ps.setString(4, Json.write(r.ref().cves()));
    ps.setString(5, r.status().name());
    ps.setString(6, r.fields().justification());
    ps.setString(7, Json.write(r.fields().affectedVersions()));
    RegressionRisk risk = r.fields().regressionRisk();
    ps.setString(8, risk == null ? null : risk.level().name());
    ps.setString(9, risk == null ? null : risk.notes());
    Jdbc.setTime(ps, 10, r.createdAt());
    Jdbc.setTime(ps, 11, r.proposedAt().orElse(null));
    Jdbc.setTime(ps, 12, r.due());
    Jdbc.setTime(ps, 13, r.finishedAt().orElse(null));
    ps.setLong(14, r.version());
  }

  private static void appendTimeline(Connection c, PatchRecord r, int from) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO patch_registry_timeline (patch_id, seq, from_status, to_status, actor, "
        + "changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = from; i < r.timeline().size(); i++) {
        StatusChange s = r.timeline().get(i);
        ps.setString(1, r.patchId());
        ps.setInt(2, i);
        ps.setString(3, s.from() == null ? null : s.from().name());
        ps.setString(4, s.to().name());
        ps.setString(5, s.actor());
        Jdbc.setTime(ps, 6, s.at());
        ps.setString(7, s.note());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * One record ({@code patchId}) or all of them (null), oldest first. With {@code forUpdate} the
   * record rows are locked before their timelines are read, so a concurrent writer waits.
   */
  static List<PatchRecord> select(Connection c, String patchId, boolean forUpdate) throws SQLException {
    String where = patchId == null ? "" : " WHERE patch_id = ?";
    List<Map.Entry<String, ResultRow>> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM patch_registry" + where + " ORDER BY created_at, patch_id"
        + (forUpdate ? " FOR UPDATE" : ""))) {
      if (patchId != null) ps.setString(1, patchId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rows.add(Map.entry(rs.getString("patch_id"), ResultRow.of(rs)));
      }
    }
    Map<String, List<StatusChange>> timelines = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM patch_registry_timeline" + where + " ORDER BY patch_id, seq")) {
      if (patchId != null) ps.setString(1, patchId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String from = rs.getString("from_status");
          timelines.computeIfAbsent(rs.getString("patch_id"), k -> new ArrayList<>()).add(new StatusChange(
              from == null ? null : PatchStatus.valueOf(from), PatchStatus.valueOf(rs.getString("to_status")), rs.getString("actor"),
              Jdbc.time(rs, "changed_at"), rs.getString("note")));
        }
      }
    }
    List<PatchRecord> out = new ArrayList<>(rows.size());
    for (Map.Entry<String, ResultRow> e : rows) out.add(e.getValue().toRecord(timelines.getOrDefault(e.getKey(), List.of())));
    return out;
  }

  /** A patch_registry row read out of its ResultSet (the timeline comes from a second query). */
  private record ResultRow(PatchRef ref, PatchStatus status, PatchFields fields, java.time.Instant due, long version) {
    @SuppressWarnings("unchecked")
    static ResultRow of(ResultSet rs) throws SQLException {
      PatchRef ref = new PatchRef(rs.getString("patch_id"), rs.getString("title"), Priority.valueOf(rs.getString("priority")),
          (List<String>) Json.read(rs.getString("tickets")), (List<String>) Json.read(rs.getString("cves")));
      String level = rs.getString("risk_level");
      PatchFields fields = new PatchFields(rs.getString("justification"), (List<String>) Json.read(rs.getString("affected_versions")),
          level == null ? null : new RegressionRisk(RegressionRisk.Level.valueOf(level), rs.getString("risk_notes")));
      return new ResultRow(ref, PatchStatus.valueOf(rs.getString("status")), fields, Jdbc.time(rs, "due_at"), rs.getLong("version"));
    }

    PatchRecord toRecord(List<StatusChange> timeline) { return new PatchRecord(ref, status, fields, due, timeline, version); }
  }
}
