package dev.suture.store;

import dev.suture.core.finding.FindingQuery;
import dev.suture.core.port.FindingStore;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingChange;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.finding.RiskException;
import dev.suture.core.port.NotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Findings on JDBC, with their history. Nothing is deleted: a finding that stops applying is
 * remediated and may be reopened later, its history kept. Every write is fenced by the row's
 * {@code version}, so the matcher (evidence) and a person (a decision) changing the same finding at
 * once cannot both win: the loser gets a {@link ConflictException} and nothing of its save is kept.
 */
public final class JdbcFindingStore implements FindingStore {
  private static final String UNIQUE_VIOLATION = "23505";

  private final Jdbc jdbc;
  private final Clock clock;

  private JdbcFindingStore(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** On a data source already migrated by {@link Store} (which owns the schema). */
  public static JdbcFindingStore on(DataSource ds, Clock clock) { return new JdbcFindingStore(new Jdbc(ds), clock); }

  /**
   * Stores what matching decided, in one transaction: findings at version 0 are inserted, the others
   * written over their stored row only if it is still at their {@code version()}. Each change becomes a
   * history line and an audit record ({@code finding.opened}, {@code finding.reopened}, or
   * {@code finding.<state>} such as {@code finding.remediated}).
   *
   * @param changes the state changes of these findings, in order; each must be about one of them
   * @return the findings as stored, with their new versions
   * @throws ConflictException when a finding was changed (or created) by someone else meanwhile; nothing is written
   */
  public List<Finding> save(List<Finding> findings, List<FindingChange> changes, String actor) {
    Objects.requireNonNull(actor, "actor");
    Set<FindingKey> keys = new HashSet<>();
    for (Finding f : findings) {
      FindingRows.validate(f);
      if (!keys.add(f.key())) throw new IllegalArgumentException("findings: " + f.key() + " is listed twice");
    }
    for (FindingChange ch : changes) {
      if (!keys.contains(ch.key())) throw new IllegalArgumentException("changes: " + ch.key() + " is not among the findings saved");
      Columns.check("changes.actor", ch.actor(), 200);
    }
    if (findings.isEmpty()) return List.of();
    List<Finding> inserts = new ArrayList<>();
    List<Finding> updates = new ArrayList<>();
    List<Long> expected = new ArrayList<>();
    List<Finding> saved = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Finding next = f.withVersion(f.version() + 1);
      saved.add(next);
      if (f.version() == 0) {
        inserts.add(next);
      } else {
        updates.add(next);
        expected.add(f.version());
      }
    }
    return jdbc.tx(c -> {
      try {
        FindingRows.insert(c, inserts);
      } catch (SQLException e) {
        if (isUniqueViolation(e))
          throw new ConflictException("a new finding was stored meanwhile by someone else (" + e.getMessage() + "); re-match and retry");
        throw e;
      }
      Optional<Finding> lost = FindingRows.update(c, updates, expected);
      if (lost.isPresent())
        throw new ConflictException("finding " + lost.get().key() + " changed while it was being saved (not at version "
            + (lost.get().version() - 1) + " any more); re-match and retry");
      appendChanges(c, changes, inserts, actor, Map.of());
      return saved;
    });
  }

  /**
   * A person's decision: moves one finding to {@code to} if the state machine allows it and the stored
   * finding is still at {@code expectedVersion}.
   *
   * @param exception the accepted risk, exactly when {@code to} is ACCEPTED_RISK; its expiry must be in the future
   * @throws NotFoundException when there is no such finding
   * @throws ConflictException when the finding is not at {@code expectedVersion}
   * @throws dev.suture.core.rollout.IllegalTransitionException when the state machine forbids the move
   */
  public Finding transition(FindingKey key, FindingState to, String actor, String note, Optional<RiskException> exception,
                            long expectedVersion) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(exception, "exception");
    Columns.check("actor", actor, 200);
    if (exception.isPresent() && to != FindingState.ACCEPTED_RISK)
      throw new IllegalArgumentException("exception: only a move to accepted-risk carries one, not to " + to.wireName());
    Instant now = clock.instant();
    if (exception.isPresent()) {
      if (!exception.get().expiresAt().isAfter(now))
        throw new IllegalArgumentException("exception.expiresAt: must be in the future, was " + exception.get().expiresAt());
      Columns.check("exception.approver", exception.get().approver(), 200);
    }
    return jdbc.tx(c -> {
      Finding current = FindingRows.find(c, key, true).orElseThrow(() -> new NotFoundException("finding", key.toString()));
      if (current.version() != expectedVersion)
        throw new ConflictException("finding " + key + " is at version " + current.version() + ", not " + expectedVersion
            + ": someone changed it; reload and retry");
      Optional<Instant> remediatedAt = to == FindingState.REMEDIATED ? Optional.of(now) : Optional.empty();
      Finding next = current.withState(to, exception, remediatedAt).withVersion(current.version() + 1);
      if (FindingRows.update(c, List.of(next), List.of(current.version())).isPresent())
        throw new ConflictException("finding " + key + " changed while it was being updated; retry");
      FindingChange change = new FindingChange(key, Optional.of(current.state()), to, actor, now, note);
      Map<String, Object> extra = new LinkedHashMap<>();
      exception.ifPresent(x -> {
        extra.put("approver", x.approver());
        extra.put("reason", x.reason());
        extra.put("expiresAt", x.expiresAt().toString());
      });
      extra.put("version", next.version());
      appendChanges(c, List.of(change), List.of(), actor, extra);
      return next;
    });
  }

  /** History lines (seq continuing each finding's history) and one audit record per change. */
  private void appendChanges(Connection c, List<FindingChange> changes, List<Finding> inserted, String actor, Map<String, Object> extra)
      throws SQLException {
    if (changes.isEmpty()) return;
    Set<FindingKey> fresh = new HashSet<>();
    inserted.forEach(f -> fresh.add(f.key()));
    Set<FindingKey> existing = new HashSet<>();
    for (FindingChange ch : changes) if (!fresh.contains(ch.key())) existing.add(ch.key());
    Map<FindingKey, Integer> nextSeq = new HashMap<>();
    FindingRows.lastSeq(c, existing).forEach((k, last) -> nextSeq.put(k, last + 1));
    FindingRows.appendHistory(c, changes, nextSeq);
    List<AuditRecord> audit = new ArrayList<>(changes.size());
    for (FindingChange ch : changes) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("asset", ch.key().asset());
      details.put("advisory", ch.key().advisoryId());
      details.put("package", ch.key().packageName());
      details.put("from", ch.from().map(FindingState::wireName).orElse(null));
      details.put("to", ch.to().wireName());
      details.put("note", ch.note());
      details.putAll(extra);
      audit.add(new AuditRecord(actor, action(ch), subject(ch.key()), details));
    }
    AuditAppender.append(c, audit, clock.instant());
  }

  static String action(FindingChange ch) {
    if (ch.from().isEmpty()) return "finding.opened";
    if (ch.to() == FindingState.OPEN) return "finding.reopened";
    return "finding." + ch.to().wireName();
  }

  public static String subject(FindingKey key) { return "finding/" + key; }

  private static boolean isUniqueViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) if (UNIQUE_VIOLATION.equals(x.getSQLState())) return true;
    return false;
  }

  // --- reads

  public Optional<Finding> find(FindingKey key) { return jdbc.read(c -> FindingRows.find(c, key, false)); }

  public List<Finding> list(FindingQuery q) {
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<>();
    q.asset().ifPresent(a -> {
      where.append(" AND asset = ?");
      params.add(a);
    });
    q.advisoryId().ifPresent(a -> {
      where.append(" AND advisory_id = ?");
      params.add(a);
    });
    if (!q.states().isEmpty()) {
      where.append(" AND state IN (").append(Columns.placeholders(q.states().size())).append(")");
      q.states().stream().sorted().forEach(s -> params.add(s.name()));
    }
    String sql = where.length() == 0 ? "" : " WHERE" + where.substring(4);
    return jdbc.read(c -> FindingRows.select(c, sql, params, q.limit()));
  }

  public List<Finding> forAsset(String asset) { return jdbc.read(c -> FindingRows.select(c, " WHERE asset = ?", List.of(asset), 0)); }

  public List<Finding> forAdvisory(String advisoryId) {
    return jdbc.read(c -> FindingRows.select(c, " WHERE advisory_id = ?", List.of(advisoryId), 0));
  }

  /** The finding's history, oldest first. */
  public List<FindingChange> history(FindingKey key) { return jdbc.read(c -> FindingRows.history(c, key)); }

  /** Accepted risks whose exception has expired at {@code now} (expiry at or before it); they are due back to OPEN. */
  public List<Finding> expiredExceptions(Instant now) {
    return jdbc.read(c -> FindingRows.select(c, " WHERE state = ? AND exception_expires_at <= ?",
        List.of(FindingState.ACCEPTED_RISK.name(), now), 0));
  }

  /** How many findings are in each state (for the status page). */
  public Map<FindingState, Long> countByState() {
    return jdbc.read(c -> {
      Map<FindingState, Long> out = new LinkedHashMap<>();
      for (FindingState s : FindingState.values()) out.put(s, 0L);
      try (var ps = c.prepareStatement("SELECT state, COUNT(*) FROM findings GROUP BY state"); var rs = ps.executeQuery()) {
        while (rs.next()) out.put(FindingState.valueOf(rs.getString(1)), rs.getLong(2));
      }
      return out;
    });
  }
}
