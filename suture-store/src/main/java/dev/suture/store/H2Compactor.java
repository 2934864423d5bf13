package dev.suture.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does for an embedded H2 file what H2's own background thread would do if Suture let it run:
 * rewrites the few live pages left in mostly dead chunks, so that those chunks become free and
 * their space is written over again.
 *
 * <p>Why it is needed: {@code WRITE_DELAY=0} (ADR 008) makes each commit durable, and H2 implements
 * it by turning the MVStore's auto-commit delay to 0, which also stops its background writer
 * thread. That thread is the only caller of H2's housekeeping (chunk rewriting). Every commit writes
 * a new chunk holding the changed pages of each table touched; the pages that stay live (a full
 * leaf of an append-only table such as audit_events) pin the whole chunk, and without rewriting
 * the file grows by the size of nearly every chunk ever written: 832 MB with 9% live data after
 * 200 hosts of the store benchmark (docs/adr/012-h2-compaction.md).
 *
 * <p>This calls the same public MVStore method H2 uses ({@link MVStore#compact(int, int)}, under
 * the store's lock), and commits what it rewrote. It does not change the retention time or move
 * chunks, and it never shrinks the file: free space is reused by later chunks instead. Only for an
 * embedded H2 database; for anything else {@link #startIfEmbeddedH2} returns empty.
 */
final class H2Compactor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(H2Compactor.class);

  /** Compact when less than this share (percent) of the chunks' bytes is live. */
  static final int TARGET_FILL_RATE = 50;
  /** Live bytes rewritten at most per round, so one round holds the store's lock briefly. */
  static final int WRITE_LIMIT = 8 * 1024 * 1024;
  static final Duration EVERY = Duration.ofSeconds(1);

  private final DataSource ds;
  private final ScheduledExecutorService timer;

  private H2Compactor(DataSource ds, Duration every, String database) {
    this.ds = ds;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "suture-h2-compactor " + database);
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::roundLogged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts compacting every {@code every} when {@code ds} is an embedded H2 file database; otherwise empty. */
  static Optional<H2Compactor> startIfEmbeddedH2(DataSource ds, Duration every) {
    try (Connection c = ds.getConnection()) {
      Optional<MVStore> mv = mvStore(c);
      return mv.isPresent() ? Optional.of(new H2Compactor(ds, every, mv.get().getFileStore().getFileName())) : Optional.empty();
    } catch (SQLException e) {
      throw new Jdbc.StoreException(e);
    }
  }

  /**
   * The MVStore behind {@code c} when it is an embedded (in-process) H2 connection to a file,
   * else empty (PostgreSQL, H2 over TCP, in-memory H2).
   */
  static Optional<MVStore> mvStore(Connection c) throws SQLException {
    if (!c.isWrapperFor(JdbcConnection.class)) return Optional.empty();
    if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal)) return Optional.empty();
    SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
    if (!session.getDatabase().isPersistent()) return Optional.empty();
    MVStore mv = session.getDatabase().getStore().getMvStore();
    return mv.getFileStore() == null ? Optional.empty() : Optional.of(mv);
  }

  /**
   * One round: if less than {@code targetFillRate}% of the chunks is live, rewrite up to
   * {@code writeLimit} live bytes out of the emptiest old chunks and commit them.
   *
   * @return whether anything was rewritten
   */
  static boolean compact(Connection c, int targetFillRate, int writeLimit) throws SQLException {
    Optional<MVStore> found = mvStore(c);
    if (found.isEmpty()) return false;
    MVStore mv = found.get();
    if (mv.isClosed() || mv.getFileStore().isReadOnly() || mv.getFileStore().getChunksFillRate() >= targetFillRate) return false;
    boolean rewritten = mv.compact(targetFillRate, writeLimit);
    // The rewritten pages are only in memory until the next MVStore commit; write them now, so the
    // old chunks can be freed even when no transaction follows.
    if (rewritten) mv.commit();
    return rewritten;
  }

  private void roundLogged() {
    if (ds instanceof HikariDataSource && ((HikariDataSource) ds).isClosed()) {
      timer.shutdown(); // a Store made with on() over a pool that was closed without closing the Store
      return;
    }
    long t = System.nanoTime();
    try (Connection c = ds.getConnection()) {
      if (compact(c, TARGET_FILL_RATE, WRITE_LIMIT))
        log.debug("H2 compaction round rewrote pages in {} ms", (System.nanoTime() - t) / 1_000_000);
    } catch (SQLException | RuntimeException e) {
      // The pool may be closing, or the database closed; the next round tries again.
      log.debug("H2 compaction round skipped: {}", e.toString());
    }
  }

  /** Stops after the round in progress, if any. Does not interrupt it: H2 is in the middle of a write. */
  @Override public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(30, TimeUnit.SECONDS)) log.warn("H2 compaction still running after 30 s at close");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
