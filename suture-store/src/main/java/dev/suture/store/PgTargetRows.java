package dev.suture.store;

import dev.suture.core.rollout.TargetRun;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL fast path for target_runs: one statement per chunk that receives each column as an
 * array and unnests it, instead of one INSERT/UPDATE per row in a JDBC batch. The server then
 * plans and runs one statement instead of hundreds, and the driver sends one Bind/Execute instead
 * of one per row; this about halves the cost per row of the engine's group commit, which is what
 * bounds a large rollout (docs/benchmarks.md). Same rows, same values, same transaction as the
 * portable path in {@link TargetRows}.
 */
final class PgTargetRows {
  private static final int CHUNK = 5000;

  private static final String INSERT = "INSERT INTO target_runs (rollout_id, seq, asset_name, asset_json, state, batch, attempts, "
      + "snapshot_taken, pid, pid_started_at, version, error, updated_at, snapshot_id) SELECT * FROM unnest(?::varchar[], ?::int[], "
      + "?::varchar[], ?::text[], ?::varchar[], ?::int[], ?::int[], ?::boolean[], ?::bigint[], ?::timestamp[], ?::varchar[], ?::text[], "
      + "?::timestamp[], ?::varchar[])";

  private static final String UPDATE = "UPDATE target_runs AS t SET state = v.state, batch = v.batch, attempts = v.attempts, "
      + "snapshot_taken = v.snapshot_taken, pid = v.pid, pid_started_at = v.pid_started_at, version = v.version, error = v.error, "
      + "updated_at = v.updated_at, snapshot_id = v.snapshot_id FROM unnest(?::varchar[], ?::int[], ?::varchar[], ?::int[], ?::int[], "
      + "?::boolean[], ?::bigint[], ?::timestamp[], ?::varchar[], ?::text[], ?::timestamp[], ?::varchar[]) AS v(rollout_id, seq, state, "
      + "batch, attempts, snapshot_taken, pid, pid_started_at, version, error, updated_at, snapshot_id) WHERE t.rollout_id = v.rollout_id AND t.seq = v.seq";

  private record Key(String rolloutId, int seq) {}

  private PgTargetRows() {}

  static void insert(Connection c, List<TargetRun> runs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (int from = 0; from < runs.size(); from += CHUNK) {
        List<TargetRun> chunk = runs.subList(from, Math.min(runs.size(), from + CHUNK));
        int n = chunk.size();
        String[] asset = new String[n], assetJson = new String[n];
        for (int i = 0; i < n; i++) {
          asset[i] = chunk.get(i).name();
          assetJson[i] = AssetCodec.encode(chunk.get(i).asset());
        }
        Columns cols = new Columns(c, chunk);
        int p = 1;
        ps.setArray(p++, cols.rolloutId);
        ps.setArray(p++, cols.seq);
        ps.setArray(p++, c.createArrayOf("varchar", asset));
        ps.setArray(p++, c.createArrayOf("text", assetJson));
        cols.bindState(ps, p);
        ps.executeUpdate();
      }
    }
  }

  static void update(Connection c, Collection<TargetRun> runs) throws SQLException {
    // One UPDATE per row applies rows in queue order, so a target written twice in one batch ends
    // at its last write. A set-based UPDATE would apply an arbitrary one of the two: keep the last.
    Map<Key, TargetRun> latest = new LinkedHashMap<>();
    for (TargetRun r : runs) latest.put(new Key(r.rolloutId(), r.seq()), r);
    List<TargetRun> rows = new ArrayList<>(latest.values());
    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
      for (int from = 0; from < rows.size(); from += CHUNK) {
        Columns cols = new Columns(c, rows.subList(from, Math.min(rows.size(), from + CHUNK)));
        ps.setArray(1, cols.rolloutId);
        ps.setArray(2, cols.seq);
        cols.bindState(ps, 3);
        ps.executeUpdate();
      }
    }
  }

  /** The columns both statements share, as SQL arrays in row order. */
  private static final class Columns {
    final Array rolloutId;
    final Array seq;
    private final Array state, batch, attempts, snapshotTaken, pid, pidStartedAt, version, error, updatedAt, snapshotId;

    Columns(Connection c, List<TargetRun> rows) throws SQLException {
      int n = rows.size();
      String[] rid = new String[n], st = new String[n], ver = new String[n], err = new String[n];
      String[] pidAt = new String[n], upd = new String[n], snapId = new String[n];
      Integer[] sq = new Integer[n], b = new Integer[n], att = new Integer[n];
      Boolean[] snap = new Boolean[n];
      Long[] pids = new Long[n];
      for (int i = 0; i < n; i++) {
        TargetRun r = rows.get(i);
        rid[i] = r.rolloutId();
        sq[i] = r.seq();
        st[i] = r.state().name();
        b[i] = r.batch();
        att[i] = r.attempts();
        snap[i] = r.snapshotTaken();
        snapId[i] = r.snapshotId();
        pids[i] = r.process().map(p -> p.pid()).orElse(null);
        pidAt[i] = r.process().map(p -> timestamp(p.startedAt())).orElse(null);
        ver[i] = r.version();
        err[i] = r.error();
        upd[i] = timestamp(r.updatedAt());
      }
      rolloutId = c.createArrayOf("varchar", rid);
      seq = c.createArrayOf("int4", sq);
      state = c.createArrayOf("varchar", st);
      batch = c.createArrayOf("int4", b);
      attempts = c.createArrayOf("int4", att);
      snapshotTaken = c.createArrayOf("bool", snap);
      pid = c.createArrayOf("int8", pids);
      pidStartedAt = c.createArrayOf("timestamp", pidAt);
      version = c.createArrayOf("varchar", ver);
      error = c.createArrayOf("text", err);
      updatedAt = c.createArrayOf("timestamp", upd);
      snapshotId = c.createArrayOf("varchar", snapId);
    }

    /** Binds state .. updated_at, snapshot_id (10 parameters) from {@code at}. */
    void bindState(PreparedStatement ps, int at) throws SQLException {
      for (Array a : new Array[] {state, batch, attempts, snapshotTaken, pid, pidStartedAt, version, error, updatedAt, snapshotId})
        ps.setArray(at++, a);
    }
  }

  /**
   * A UTC timestamp as PostgreSQL text, rounded to microseconds the way the driver rounds a bound
   * LocalDateTime (half up), so both paths store the identical value. Zone-free, like
   * {@link Jdbc#setTime}: no daylight-saving surprises.
   */
  static String timestamp(Instant t) {
    if (t == null) return null;
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC).plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
  }
}
