package dev.suture.store;

import dev.suture.core.feed.FeedImport;
import dev.suture.core.feed.FeedKind;
import dev.suture.core.port.FeedStore;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.json.Json;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.AdvisoryIndex;
import dev.suture.core.vuln.EpssScore;
import dev.suture.core.vuln.KevEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Advisories (OSV), KEV entries and EPSS scores on JDBC.
 *
 * <p>An import is one transaction (docs/adr/011-vulnerability-data-store.md): readers see the data as it
 * was before the import or after it, never half of it, and a failure (a broken archive, a lost
 * connection, a crash) leaves the previous data whole. Imports of the same kind are serialised by a
 * row lock; advisories are written only when their {@code modified} is newer than the stored one.
 */
public final class JdbcFeedStore implements FeedStore {

  private final Jdbc jdbc;
  private final Clock clock;

  private JdbcFeedStore(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** On a data source already migrated by {@link Store} (which owns the schema). */
  public static JdbcFeedStore on(DataSource ds, Clock clock) { return new JdbcFeedStore(new Jdbc(ds), clock); }

  /**
   * Runs {@code body} in one transaction and records the import with its {@code feed.imported} audit
   * event in the same transaction. When the body (or the database) throws, nothing it wrote is kept;
   * the failure is then recorded as a FAILED import with a {@code feed.failed} audit event and the
   * exception is rethrown (an {@link IOException} as {@link UncheckedIOException}).
   *
   * @param source where the feed came from (a path or URL), for the record
   */
  public FeedImport importFeed(FeedKind kind, String source, String actor, ImportBody body) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(body, "body");
    Instant started = clock.instant();
    FeedBatch batch = new FeedBatch(kind, started);
    try {
      return jdbc.tx(c -> {
        lock(c, kind);
        batch.open(c);
        try {
          body.run(batch);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        batch.finish();
        Instant finished = clock.instant();
        long id = AuditAppender.append(c, List.of(AuditRecord.of(actor, "feed.imported", subject(kind), "source", source,
            "records", batch.records, "inserted", batch.inserted, "updated", batch.updated, "unchanged", batch.unchanged,
            "problems", batch.problemCount)), finished).get(0).sequence();
        FeedImport done = new FeedImport(id, kind, source, actor, started, finished, FeedImport.State.SUCCEEDED, batch.records,
            batch.inserted, batch.updated, batch.unchanged, batch.problemCount, batch.problems, Optional.empty(), batch.changed);
        insertImport(c, done);
        return done;
      });
    } catch (RuntimeException e) {
      batch.close();
      try {
        recordFailure(kind, source, actor, started, batch, e);
      } catch (RuntimeException f) {
        e.addSuppressed(f);
      }
      throw e;
    }
  }

  private void recordFailure(FeedKind kind, String source, String actor, Instant started, FeedBatch batch, RuntimeException e) {
    String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    jdbc.tx(c -> {
      Instant finished = clock.instant();
      long id = AuditAppender.append(c, List.of(AuditRecord.of(actor, "feed.failed", subject(kind), "source", source,
          "records", batch.records, "problems", batch.problemCount, "error", error)), finished).get(0).sequence();
      insertImport(c, new FeedImport(id, kind, source, actor, started, finished, FeedImport.State.FAILED, batch.records, 0, 0, 0,
          batch.problemCount, batch.problems, Optional.of(error), List.of()));
      return null;
    });
  }

  /** Waits for a running import of the same kind to finish (PostgreSQL), or fails after H2's lock timeout. */
  private static void lock(Connection c, FeedKind kind) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT kind FROM feed_locks WHERE kind = ? FOR UPDATE")) {
      ps.setString(1, kind.wireName());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new SQLException("feed_locks row '" + kind.wireName() + "' missing: the schema was tampered with");
      }
    }
  }

  private static void insertImport(Connection c, FeedImport f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO feed_imports (id, kind, source, actor, started_at, finished_at, "
        + "records, inserted, updated, unchanged, problem_count, problems, state, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, f.id());
      ps.setString(2, f.kind().wireName());
      ps.setString(3, f.source());
      ps.setString(4, f.actor());
      Jdbc.setTime(ps, 5, f.startedAt());
      Jdbc.setTime(ps, 6, f.finishedAt());
      ps.setLong(7, f.records());
      ps.setLong(8, f.inserted());
      ps.setLong(9, f.updated());
      ps.setLong(10, f.unchanged());
      ps.setLong(11, f.problemCount());
      List<Map<String, Object>> problems = new ArrayList<>();
      for (FeedImport.Problem p : f.problems()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("record", p.recordId().orElse(null));
        m.put("message", p.message());
        problems.add(m);
      }
      ps.setString(12, Json.write(problems));
      ps.setString(13, f.state().name());
      ps.setString(14, f.error().orElse(null));
      ps.executeUpdate();
    }
  }

  public static String subject(FeedKind kind) { return "feed/" + kind.wireName(); }

  // --- reads

  public Optional<Advisory> advisory(String id) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + FeedRows.ADVISORY_COLUMNS + " FROM advisories WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(FeedRows.advisory(rs)) : Optional.empty();
        }
      }
    });
  }

  /** The stored advisories among {@code ids}, in the order of {@code ids} (unknown ids are left out). */
  public List<Advisory> advisories(Collection<String> ids) {
    return jdbc.read(c -> {
      Map<String, Advisory> found = new HashMap<>();
      for (List<String> chunk : Columns.chunks(ids)) {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + FeedRows.ADVISORY_COLUMNS + " FROM advisories WHERE id IN ("
            + Columns.placeholders(chunk.size()) + ")")) {
          for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Advisory a = FeedRows.advisory(rs);
              found.put(a.id(), a);
            }
          }
        }
      }
      List<Advisory> out = new ArrayList<>();
      for (List<String> chunk : Columns.chunks(ids)) for (String id : chunk) if (found.containsKey(id)) out.add(found.get(id));
      return out;
    });
  }

  /** The advisories filed under this package (any release of the ecosystem), by id. */
  public List<Advisory> advisoriesFor(String ecosystem, String packageName) {
    AdvisoryIndex.Key key = AdvisoryIndex.Key.of(ecosystem, packageName);
    return jdbc.read(c -> {
      List<Advisory> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + prefixed("a.") + " FROM advisories a JOIN advisory_keys k "
          + "ON k.advisory_id = a.id WHERE k.ecosystem = ? AND k.package = ? ORDER BY a.id")) {
        ps.setString(1, key.ecosystem());
        ps.setString(2, key.packageName());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(FeedRows.advisory(rs));
        }
      }
      return out;
    });
  }

  private static String prefixed(String alias) {
    return alias + FeedRows.ADVISORY_COLUMNS.replace(", ", ", " + alias);
  }

  /**
   * Every stored advisory, by id, without holding them all in memory (for building the matcher's
   * index at start). The read runs in a transaction with a fetch size, because that is what makes
   * PostgreSQL's driver stream rows instead of reading the whole result first.
   */
  public void forEachAdvisory(Consumer<Advisory> consumer) {
    jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + FeedRows.ADVISORY_COLUMNS + " FROM advisories ORDER BY id")) {
        ps.setFetchSize(Columns.CHUNK);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) consumer.accept(FeedRows.advisory(rs));
        }
      }
      return null;
    });
  }

  /** The KEV entries of those of {@code cveIds} in the catalog, by CVE id. */
  public Map<String, KevEntry> kev(Collection<String> cveIds) { return jdbc.read(c -> FeedRows.kev(c, cveIds)); }

  /** The EPSS scores of those of {@code cveIds} that have one, by CVE id. */
  public Map<String, EpssScore> epss(Collection<String> cveIds) { return jdbc.read(c -> FeedRows.epss(c, cveIds)); }

  /** The latest imports, newest first. */
  public List<FeedImport> imports(int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit: must be at least 1, was " + limit);
    return jdbc.read(c -> {
      List<FeedImport> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM feed_imports ORDER BY id DESC")) {
        ps.setMaxRows(limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(importRow(rs));
        }
      }
      return out;
    });
  }

  @SuppressWarnings("unchecked")
  private static FeedImport importRow(ResultSet rs) throws SQLException {
    List<FeedImport.Problem> problems = new ArrayList<>();
    for (Object o : (List<Object>) Json.read(rs.getString("problems"))) {
      Map<String, Object> m = (Map<String, Object>) o;
      problems.add(new FeedImport.Problem((String) m.get("file"), Optional.ofNullable((String) m.get("record")),
          (String) m.get("message")));
    }
    return new FeedImport(rs.getLong("id"), FeedKind.fromWire(rs.getString("kind")), rs.getString("source"), rs.getString("actor"),
        Jdbc.time(rs, "started_at"), Jdbc.time(rs, "finished_at"), FeedImport.State.valueOf(rs.getString("state")),
        rs.getLong("records"), rs.getLong("inserted"), rs.getLong("updated"), rs.getLong("unchanged"), rs.getLong("problem_count"),
        problems, Optional.ofNullable(rs.getString("error")), List.of());
  }

  public Counts counts() {
    return jdbc.read(c -> new Counts(count(c, "SELECT COUNT(*) FROM advisories"),
        count(c, "SELECT COUNT(*) FROM advisories WHERE withdrawn IS NOT NULL"), count(c, "SELECT COUNT(*) FROM advisory_keys"),
        count(c, "SELECT COUNT(*) FROM kev"), count(c, "SELECT COUNT(*) FROM epss")));
  }

  static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
