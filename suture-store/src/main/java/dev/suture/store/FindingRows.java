package dev.suture.store;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingChange;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.finding.RiskException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for findings and their history: a finding in, a finding out. */
final class FindingRows {
  private static final String KEY = "asset = ? AND advisory_id = ? AND package = ?";
  /** Row-value IN lists of three parameters per key: 300 keys stay far below any parameter limit. */
  private static final int KEYS_PER_QUERY = 300;

  private FindingRows() {}

  static void validate(Finding f) {
    validate(f.key());
    Columns.check("ecosystem", f.ecosystem(), 100);
    Columns.check("installedVersion", f.installedVersion(), 500);
    Columns.check("fixedVersion", f.fixedVersion().orElse(null), 500);
    Columns.check("exception.approver", f.exception().map(RiskException::approver).orElse(null), 200);
  }

  static void validate(FindingKey k) {
    Columns.check("asset", k.asset(), 253);
    Columns.check("advisoryId", k.advisoryId(), 255);
    Columns.check("package", k.packageName(), 500);
  }

  static void insert(Connection c, List<Finding> list) throws SQLException {
    if (list.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO findings (ecosystem, installed_version, fixed_version, state, first_seen, "
        + "fix_available_since, remediated_at, exception_approver, exception_reason, exception_expires_at, version, asset, advisory_id, "
        + "package) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (Finding f : list) {
        bind(ps, f);
        ps.addBatch();
        if (++pending == Columns.CHUNK) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) ps.executeBatch();
    }
  }

  /**
   * Writes each finding over its row at {@code expected.get(i)}; returns the first finding whose row
   * was not at that version (someone else wrote it), or empty when all were written.
   */
  static Optional<Finding> update(Connection c, List<Finding> list, List<Long> expected) throws SQLException {
    if (list.isEmpty()) return Optional.empty();
    try (PreparedStatement ps = c.prepareStatement("UPDATE findings SET ecosystem = ?, installed_version = ?, fixed_version = ?, "
        + "state = ?, first_seen = ?, fix_available_since = ?, remediated_at = ?, exception_approver = ?, exception_reason = ?, "
        + "exception_expires_at = ?, version = ? WHERE " + KEY + " AND version = ?")) {
      int from = 0;
      for (int i = 0; i < list.size(); i++) {
        bind(ps, list.get(i));
        ps.setLong(15, expected.get(i));
        ps.addBatch();
        if (i + 1 - from == Columns.CHUNK || i + 1 == list.size()) {
          int[] counts = ps.executeBatch();
          for (int j = 0; j < counts.length; j++) if (counts[j] == 0) return Optional.of(list.get(from + j));
          from = i + 1;
        }
      }
    }
    return Optional.empty();
  }

  private static void bind(PreparedStatement ps, Finding f) throws SQLException {
    ps.setString(1, f.ecosystem());
    ps.setString(2, f.installedVersion());
    ps.setString(3, f.fixedVersion().orElse(null));
    ps.setString(4, f.state().name());
    Jdbc.setTime(ps, 5, f.firstSeen());
    Jdbc.setTime(ps, 6, f.fixAvailableSince().orElse(null));
    Jdbc.setTime(ps, 7, f.remediatedAt().orElse(null));
    ps.setString(8, f.exception().map(RiskException::approver).orElse(null));
    ps.setString(9, f.exception().map(RiskException::reason).orElse(null));
    Jdbc.setTime(ps, 10, f.exception().map(RiskException::expiresAt).orElse(null));
    ps.setLong(11, f.version());
    ps.setString(12, f.key().asset());
    ps.setString(13, f.key().advisoryId());
    ps.setString(14, f.key().packageName());
  }

  static Finding read(ResultSet rs) throws SQLException {
    FindingKey key = new FindingKey(rs.getString("asset"), rs.getString("advisory_id"), rs.getString("package"));
    String approver = rs.getString("exception_approver");
    Optional<RiskException> exception = approver == null ? Optional.empty()
        : Optional.of(new RiskException(approver, rs.getString("exception_reason"), Jdbc.time(rs, "exception_expires_at")));
    return new Finding(key, rs.getString("ecosystem"), rs.getString("installed_version"), Optional.ofNullable(rs.getString("fixed_version")),
        FindingState.valueOf(rs.getString("state")), Jdbc.time(rs, "first_seen"), Optional.ofNullable(Jdbc.time(rs, "fix_available_since")),
        Optional.ofNullable(Jdbc.time(rs, "remediated_at")), exception, rs.getLong("version"));
  }

  static Optional<Finding> find(Connection c, FindingKey k, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM findings WHERE " + KEY + (forUpdate ? " FOR UPDATE" : ""))) {
      bindKey(ps, 1, k);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  static List<Finding> select(Connection c, String where, List<Object> params, int maxRows) throws SQLException {
    List<Finding> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM findings" + where + " ORDER BY asset, advisory_id, package")) {
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        if (p instanceof Instant t) Jdbc.setTime(ps, i + 1, t);
        else ps.setString(i + 1, (String) p);
      }
      if (maxRows > 0) ps.setMaxRows(maxRows);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(read(rs));
      }
    }
    return out;
  }

  private static void bindKey(PreparedStatement ps, int at, FindingKey k) throws SQLException {
    ps.setString(at, k.asset());
    ps.setString(at + 1, k.advisoryId());
    ps.setString(at + 2, k.packageName());
  }

  /** The highest history seq of each key that has history. */
  static Map<FindingKey, Integer> lastSeq(Connection c, Collection<FindingKey> keys) throws SQLException {
    Map<FindingKey, Integer> out = new HashMap<>();
    List<FindingKey> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
      List<FindingKey> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
      StringBuilder in = new StringBuilder();
      for (int i = 0; i < chunk.size(); i++) in.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
      try (PreparedStatement ps = c.prepareStatement("SELECT asset, advisory_id, package, MAX(seq) FROM finding_history "
          + "WHERE (asset, advisory_id, package) IN (" + in + ") GROUP BY asset, advisory_id, package")) {
        for (int i = 0; i < chunk.size(); i++) bindKey(ps, 3 * i + 1, chunk.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.put(new FindingKey(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getInt(4));
        }
      }
    }
    return out;
  }

  /** Appends {@code changes} in order; {@code nextSeq} holds each key's next seq and is advanced. */
  static void appendHistory(Connection c, List<FindingChange> changes, Map<FindingKey, Integer> nextSeq) throws SQLException {
    if (changes.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO finding_history (asset, advisory_id, package, seq, from_state, to_state, "
        + "actor, changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (FindingChange ch : changes) {
        int seq = nextSeq.merge(ch.key(), 1, Integer::sum) - 1;
        bindKey(ps, 1, ch.key());
        ps.setInt(4, seq);
        ps.setString(5, ch.from().map(FindingState::name).orElse(null));
        ps.setString(6, ch.to().name());
        ps.setString(7, ch.actor());
        Jdbc.setTime(ps, 8, ch.at());
        ps.setString(9, ch.note());
        ps.addBatch();
        if (++pending == Columns.CHUNK) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) ps.executeBatch();
    }
  }

  static List<FindingChange> history(Connection c, FindingKey k) throws SQLException {
    List<FindingChange> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM finding_history WHERE " + KEY + " ORDER BY seq")) {
      bindKey(ps, 1, k);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String from = rs.getString("from_state");
          out.add(new FindingChange(k, Optional.ofNullable(from).map(FindingState::valueOf), FindingState.valueOf(rs.getString("to_state")),
              rs.getString("actor"), Jdbc.time(rs, "changed_at"), rs.getString("note")));
        }
      }
    }
    return out;
  }
}
