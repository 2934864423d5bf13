package dev.suture.store;

import dev.suture.core.feed.FeedKind;
import dev.suture.core.feed.FeedImport;
import dev.suture.core.port.FeedStore;

import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.EpssScore;
import dev.suture.core.vuln.KevEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The writes of one import, inside its transaction: records are buffered and written in JDBC batches
 * of {@link Columns#CHUNK}. For each chunk the stored rows are read first, which decides insert, update
 * or unchanged; a record whose id is already buffered flushes the buffer first, so a feed that repeats
 * an id is applied in order.
 */
final class FeedBatch implements FeedStore.Batch {
  private final FeedKind kind;
  private final Instant importedAt;
  private Connection connection;
  private boolean closed;
  /** A database error the body may have swallowed: the import must not commit after it. */
  private RuntimeException failure;

  private final Map<String, Advisory> advisories = new LinkedHashMap<>();
  private final Map<String, KevEntry> kev = new LinkedHashMap<>();
  private final Map<String, EpssScore> epss = new LinkedHashMap<>();

  long records;
  long inserted;
  long updated;
  long unchanged;
  long problemCount;
  final List<FeedImport.Problem> problems = new ArrayList<>();
  final List<String> changed = new ArrayList<>();

  FeedBatch(FeedKind kind, Instant importedAt) {
    this.kind = kind;
    this.importedAt = importedAt;
  }

  void open(Connection c) { this.connection = c; }

  @Override public void advisory(Advisory a) {
    Objects.requireNonNull(a, "advisory");
    accept(FeedKind.OSV, "advisories");
    String why = FeedRows.unstorable(a);
    if (why != null) {
      problem("", Optional.of(shortened(a.id())), why);
      return;
    }
    if (advisories.containsKey(a.id())) flush();
    advisories.put(a.id(), a);
    records++;
    if (advisories.size() >= Columns.CHUNK) flush();
  }

  @Override public void kev(KevEntry e) {
    Objects.requireNonNull(e, "kev");
    accept(FeedKind.KEV, "KEV entries");
    if (cveTooLong(e.cveId())) return;
    if (kev.containsKey(e.cveId())) flush();
    kev.put(e.cveId(), e);
    records++;
    if (kev.size() >= Columns.CHUNK) flush();
  }

  @Override public void epss(EpssScore s) {
    Objects.requireNonNull(s, "epss");
    accept(FeedKind.EPSS, "EPSS scores");
    if (cveTooLong(s.cveId())) return;
    if (epss.containsKey(s.cveId())) flush();
    epss.put(s.cveId(), s);
    records++;
    if (epss.size() >= Columns.CHUNK) flush();
  }

  @Override public void problem(String file, Optional<String> recordId, String message) {
    ensureOpen();
    problemCount++;
    if (problems.size() < FeedImport.PROBLEMS_KEPT) problems.add(new FeedImport.Problem(file, recordId, message));
  }

  private boolean cveTooLong(String cveId) {
    String why = Columns.tooLong("cveID", cveId, 64);
    if (why != null) problem("", Optional.of(shortened(cveId)), why);
    return why != null;
  }

  private static String shortened(String id) { return id.length() <= 80 ? id : id.substring(0, 80) + "..."; }

  private void accept(FeedKind wanted, String what) {
    ensureOpen();
    if (kind != wanted) throw new IllegalStateException("the " + kind.wireName() + " import cannot take " + what);
  }

  private void ensureOpen() {
    if (closed || connection == null) throw new IllegalStateException("the import's batch is used outside its import");
    if (failure != null) throw new IllegalStateException("the import already failed: " + failure.getMessage(), failure);
  }

  /** Writes whatever is buffered. */
  void flush() {
    try {
      flushAdvisories();
      flushKev();
      flushEpss();
    } catch (SQLException e) {
      failure = new Jdbc.StoreException(e);
      throw failure;
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  /** The last flush, at the end of the body; refuses to go on if the body swallowed a failure. */
  void finish() {
    if (failure != null) throw new IllegalStateException("the import failed and its body went on: " + failure.getMessage(), failure);
    flush();
    close();
  }

  void close() { closed = true; }

  private void flushAdvisories() throws SQLException {
    if (advisories.isEmpty()) return;
    Map<String, Instant> stored = FeedRows.storedModified(connection, advisories.keySet());
    List<Advisory> insert = new ArrayList<>();
    List<Advisory> update = new ArrayList<>();
    for (Advisory a : advisories.values()) {
      Instant old = stored.get(a.id());
      if (old == null) insert.add(a);
      else if (FeedRows.micros(a.modified()).isAfter(old)) update.add(a);
      else unchanged++; // equal or older: a re-import of an older feed must not undo a newer change
    }
    FeedRows.insertAdvisories(connection, insert, importedAt);
    FeedRows.updateAdvisories(connection, update, importedAt);
    inserted += insert.size();
    updated += update.size();
    insert.forEach(a -> changed.add(a.id()));
    update.forEach(a -> changed.add(a.id()));
    advisories.clear();
  }

  private void flushKev() throws SQLException {
    if (kev.isEmpty()) return;
    Map<String, KevEntry> stored = FeedRows.kev(connection, kev.keySet());
    List<KevEntry> insert = new ArrayList<>();
    List<KevEntry> update = new ArrayList<>();
    for (KevEntry e : kev.values()) {
      KevEntry old = stored.get(e.cveId());
      if (old == null) insert.add(e);
      else if (!old.equals(e)) update.add(e);
      else unchanged++;
    }
    FeedRows.writeKev(connection, insert, true);
    FeedRows.writeKev(connection, update, false);
    inserted += insert.size();
    updated += update.size();
    kev.clear();
  }

  private void flushEpss() throws SQLException {
    if (epss.isEmpty()) return;
    Map<String, EpssScore> stored = FeedRows.epss(connection, epss.keySet());
    List<EpssScore> insert = new ArrayList<>();
    List<EpssScore> update = new ArrayList<>();
    for (EpssScore s : epss.values()) {
      EpssScore old = stored.get(s.cveId());
      if (old == null) insert.add(s);
      else if (!old.equals(s)) update.add(s);
      else unchanged++;
    }
    FeedRows.writeEpss(connection, insert, true);
    FeedRows.writeEpss(connection, update, false);
    inserted += insert.size();
    updated += update.size();
    epss.clear();
  }
}
