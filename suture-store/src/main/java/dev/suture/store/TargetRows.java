package dev.suture.store;

import dev.suture.core.port.ProcessRef;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * target_runs rows: batched inserts and updates, since a rollout may have 100k of them. On
 * PostgreSQL, {@link PgTargetRows} does the same with one array statement per chunk.
 */
final class TargetRows {
  private static final int CHUNK = 1000;

  private TargetRows() {}

  static void insert(Connection c, List<TargetRun> runs) throws SQLException {
    if (runs.isEmpty()) return;
    if (Jdbc.isPostgres(c)) {
      PgTargetRows.insert(c, runs);
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO target_runs (rollout_id, seq, asset_name, asset_json, state, batch, "
        + "attempts, snapshot_taken, pid, pid_started_at, version, error, updated_at, snapshot_id) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int n = 0;
      for (TargetRun r : runs) {
        ps.setString(1, r.rolloutId());
        ps.setInt(2, r.seq());
        ps.setString(3, r.name());
        ps.setString(4, AssetCodec.encode(r.asset()));
        ps.setString(5, r.state().name());
        ps.setInt(6, r.batch());
        ps.setInt(7, r.attempts());
        ps.setBoolean(8, r.snapshotTaken());
        bindProcess(ps, 9, r.process());
        ps.setString(11, r.version());
        ps.setString(12, r.error());
        Jdbc.setTime(ps, 13, r.updatedAt());
        ps.setString(14, r.snapshotId());
        ps.addBatch();
        if (++n % CHUNK == 0) ps.executeBatch();
      }
      ps.executeBatch();
    }
  }

  static void update(Connection c, Collection<TargetRun> runs) throws SQLException {
    if (runs.isEmpty()) return;
    if (Jdbc.isPostgres(c)) {
      PgTargetRows.update(c, runs);
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE target_runs SET state = ?, batch = ?, attempts = ?, snapshot_taken = ?, "
        + "pid = ?, pid_started_at = ?, version = ?, error = ?, updated_at = ?, snapshot_id = ? WHERE rollout_id = ? AND seq = ?")) {
      int n = 0;
      for (TargetRun r : runs) {
        ps.setString(1, r.state().name());
        ps.setInt(2, r.batch());
        ps.setInt(3, r.attempts());
        ps.setBoolean(4, r.snapshotTaken());
        bindProcess(ps, 5, r.process());
        ps.setString(7, r.version());
        ps.setString(8, r.error());
        Jdbc.setTime(ps, 9, r.updatedAt());
        ps.setString(10, r.snapshotId());
        ps.setString(11, r.rolloutId());
        ps.setInt(12, r.seq());
        ps.addBatch();
        if (++n % CHUNK == 0) ps.executeBatch();
      }
      ps.executeBatch();
    }
  }

  static List<TargetRun> select(Connection c, String rolloutId) throws SQLException {
    List<TargetRun> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM target_runs WHERE rollout_id = ? ORDER BY seq")) {
      ps.setString(1, rolloutId);
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long pid = rs.getLong("pid");
          Optional<ProcessRef> process = rs.wasNull() ? Optional.empty()
              : Optional.of(new ProcessRef(pid, Jdbc.time(rs, "pid_started_at")));
          out.add(new TargetRun(rolloutId, rs.getInt("seq"), AssetCodec.decode(rs.getString("asset_json")),
              TargetState.valueOf(rs.getString("state")), rs.getInt("batch"), rs.getInt("attempts"), snapshotId(rs, rolloutId),
              process, rs.getString("version"), rs.getString("error"), Jdbc.time(rs, "updated_at")));
        }
      }
    }
    return out;
  }

  /** Rows written before snapshot ids were recorded only say "taken": their id is the rollout's. */
  private static String snapshotId(ResultSet rs, String rolloutId) throws SQLException {
    String id = rs.getString("snapshot_id");
    return id != null ? id : rs.getBoolean("snapshot_taken") ? rolloutId : null;
  }

  private static void bindProcess(PreparedStatement ps, int at, Optional<ProcessRef> p) throws SQLException {
    if (p.isPresent()) {
      ps.setLong(at, p.get().pid());
      Jdbc.setTime(ps, at + 1, p.get().startedAt());
    } else {
      ps.setNull(at, Types.BIGINT);
      ps.setNull(at + 1, Types.TIMESTAMP);
    }
  }
}
