package dev.suture.store;

import dev.suture.core.json.Json;
import dev.suture.core.metrics.AuditFact;
import dev.suture.core.metrics.ProgrammeRecords.ChangeFact;
import dev.suture.core.metrics.ProgrammeRecords.IncidentFact;
import dev.suture.core.metrics.RolloutFacts;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Read-only queries the programme metrics (docs/metrics.md) and the annotations endpoint need:
 * narrow rows, no YAML, so a metrics pass stays cheap. Plans and patches of a rollout never change,
 * so callers parse them once ({@link JdbcRolloutStore#find}) and cache what they need.
 */
public final class JdbcProgrammeRecords {
  /** One rollout row without its documents. */
  public record RolloutRow(String id, String planName, String patchId, RolloutState state, Instant createdAt, Instant updatedAt,
                           String haltReason) {}

  private static final int CHUNK = 500;
  private final Jdbc jdbc;

  private JdbcProgrammeRecords(Jdbc jdbc) { this.jdbc = jdbc; }

  /** Over a pool someone else owns; the schema must already be migrated (by {@link Store}). */
  public static JdbcProgrammeRecords on(DataSource ds) { return new JdbcProgrammeRecords(new Jdbc(ds)); }

  /** Every rollout row, oldest first. Thousands of narrow rows; the caller decides what is relevant. */
  public List<RolloutRow> rollouts() {
    return jdbc.read(c -> rows(c, "SELECT id, plan_name, patch_id, state, created_at, updated_at, halt_reason FROM rollouts "
        + "ORDER BY created_at, id", ps -> { }));
  }

  /**
   * Rollouts whose span touches {@code [from, to]}: created by {@code to} and either not ended or
   * last written at or after {@code from}. Newest first, at most {@code limit}.
   */
  public List<RolloutRow> rolloutsBetween(Instant from, Instant to, int limit) {
    return jdbc.read(c -> rows(c, "SELECT id, plan_name, patch_id, state, created_at, updated_at, halt_reason FROM rollouts "
        + "WHERE created_at <= ? AND (updated_at >= ? OR state IN " + JdbcRolloutStore.DRIVEN + " OR state = 'PENDING_APPROVAL') "
        + "ORDER BY created_at DESC, id DESC LIMIT ?", ps -> {
          Jdbc.setTime(ps, 1, to);
          Jdbc.setTime(ps, 2, from);
          ps.setInt(3, limit);
        }));
  }

  public Map<RolloutState, Long> stateCounts() {
    return jdbc.read(c -> {
      Map<RolloutState, Long> out = new EnumMap<>(RolloutState.class);
      try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM rollouts GROUP BY state");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.put(RolloutState.valueOf(rs.getString(1)), rs.getLong(2));
      }
      return out;
    });
  }

  /** The targets of these rollouts (asset name, its environment when resolved, state), by rollout id. */
  public Map<String, List<RolloutFacts.Target>> targets(Collection<String> rolloutIds) {
    List<String> ids = List.copyOf(Set.copyOf(rolloutIds));
    Map<String, List<RolloutFacts.Target>> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
      jdbc.read(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT rollout_id, asset_name, asset_json, state FROM target_runs WHERE rollout_id IN ("
            + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ") ORDER BY rollout_id, seq")) {
          for (int k = 0; k < chunk.size(); k++) ps.setString(k + 1, chunk.get(k));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next())
              out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new RolloutFacts.Target(rs.getString(2),
                  AssetCodec.decode(rs.getString(3)).environment(), TargetState.valueOf(rs.getString(4))));
          }
        }
        return null;
      });
    }
    return out;
  }

  /**
   * Audit events about rollouts (subject {@code rollout/ID}) with one of {@code actions}, after
   * sequence {@code afterSequence} and at or after {@code since}, in sequence order, at most
   * {@code limit}. Callers page by passing the last sequence they saw.
   */
  public List<AuditFact> rolloutEvents(Set<String> actions, long afterSequence, Instant since, int limit) {
    if (actions.isEmpty()) return List.of();
    List<String> acts = List.copyOf(actions);
    return jdbc.read(c -> {
      List<AuditFact> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT sequence, event_time, action, subject, details FROM audit_events "
          + "WHERE sequence > ? AND event_time >= ? AND subject LIKE 'rollout/%' AND action IN ("
          + String.join(",", java.util.Collections.nCopies(acts.size(), "?")) + ") ORDER BY sequence LIMIT ?")) {
        ps.setLong(1, afterSequence);
        Jdbc.setTime(ps, 2, since);
        for (int k = 0; k < acts.size(); k++) ps.setString(3 + k, acts.get(k));
        ps.setInt(3 + acts.size(), limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next())
            out.add(new AuditFact(rs.getLong(1), Jdbc.time(rs, "event_time"), rs.getString(3), rs.getString(4).substring("rollout/".length()),
                Json.readObject(rs.getString(5))));
        }
      }
      return out;
    });
  }

  public List<IncidentFact> incidents() {
    return jdbc.read(c -> {
      List<IncidentFact> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, rollout_id, created_at FROM incidents ORDER BY created_at, id");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(new IncidentFact(rs.getString(1), rs.getString(2), Jdbc.time(rs, "created_at")));
      }
      return out;
    });
  }

  /** Change requests that started a rollout. */
  public List<ChangeFact> changes() {
    return jdbc.read(c -> {
      List<ChangeFact> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, rollout_id, patch_id, state FROM change_requests "
          + "WHERE rollout_id IS NOT NULL ORDER BY id");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(new ChangeFact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
      return out;
    });
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static List<RolloutRow> rows(Connection c, String sql, Binder binder) throws SQLException {
    List<RolloutRow> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          out.add(new RolloutRow(rs.getString("id"), rs.getString("plan_name"), rs.getString("patch_id"),
              RolloutState.valueOf(rs.getString("state")), Jdbc.time(rs, "created_at"), Jdbc.time(rs, "updated_at"),
              rs.getString("halt_reason")));
      }
    }
    return out;
  }
}
