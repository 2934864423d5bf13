package dev.suture.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.suture.core.doc.DocumentParser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The JDBC adapter: one pool, migrated by Flyway, behind the store ports. H2 in a file is
 * the embedded default; PostgreSQL is the same schema.
 */
public final class Store implements AutoCloseable {
  private final HikariDataSource owned;
  private final JdbcDocumentStore documents;
  private final JdbcRolloutStore rollouts;
  private final JdbcAuditLog audit;
  private final JdbcUserStore users;
  private final JdbcCalendar calendar;
  private final JdbcNotificationOutbox notifications;
  private final Optional<H2Compactor> compactor;

  private Store(HikariDataSource owned, DataSource ds, Clock clock, DocumentParser parser) {
    this.owned = owned;
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    Jdbc jdbc = new Jdbc(ds);
    this.documents = new JdbcDocumentStore(jdbc, clock, parser);
    this.rollouts = new JdbcRolloutStore(jdbc, clock, parser);
    this.audit = new JdbcAuditLog(jdbc, clock);
    this.users = new JdbcUserStore(jdbc, clock);
    this.calendar = new JdbcCalendar(documents);
    this.notifications = new JdbcNotificationOutbox(jdbc, clock, parser);
    // Embedded H2 only: WRITE_DELAY=0 stops H2's own compaction, so the store does it (ADR 012).
    this.compactor = H2Compactor.startIfEmbeddedH2(ds, H2Compactor.EVERY);
  }

  /** Uses a pool someone else owns (Spring's). Runs the migrations. */
  public static Store on(DataSource ds, Clock clock, DocumentParser parser) { return new Store(null, ds, clock, parser); }

  public static Store open(String url, String user, String password, int poolSize, Clock clock, DocumentParser parser) {
    HikariDataSource pool = pool(url, user, password, poolSize);
    try {
      return new Store(pool, pool, clock, parser);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  public static HikariDataSource pool(String url, String user, String password, int poolSize) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url);
    if (user != null) cfg.setUsername(user);
    if (password != null) cfg.setPassword(password);
    cfg.setMaximumPoolSize(poolSize);
    cfg.setPoolName("suture-store");
    return new HikariDataSource(cfg);
  }

  /**
   * The embedded default: an H2 file under the data directory (see {@link #h2FileUrl}).
   */
  public static String h2Url(Path dataDir) {
    return h2FileUrl(dataDir.toAbsolutePath().resolve("suture"));
  }

  /**
   * An H2 database in the file {@code base}.mv.db, with the settings Suture relies on:
   * <ul>
   *   <li>{@code async:} file system. H2's default ({@code file:}) writes through a FileChannel,
   *       and a thread interrupted while it writes closes that channel, which closes the whole
   *       database ("The database has been closed"). The engine interrupts drivers and target
   *       steps on shutdown, on a lost lease and on cancel, and one of them may be committing at
   *       that instant (seen in the 1,000-host SSH benchmark). The async file system waits for its
   *       writes without giving up on an interrupt, and keeps the interrupt for the caller.</li>
   *   <li>WRITE_DELAY=0 makes every commit durable before it returns: by default H2 writes committed
   *       changes in the background and a killed process loses the last seconds of them (rollouts,
   *       audit events, queued notifications; docs/adr/008-notifications-outbox.md). It also stops H2's
   *       background thread, which is what rewrites mostly dead chunks; a Store on such a file runs
   *       {@link H2Compactor} instead (docs/adr/012-h2-compaction.md).</li>
   * </ul>
   */
  public static String h2FileUrl(Path base) {
    return "jdbc:h2:async:" + base.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
  }

  public JdbcDocumentStore documents() { return documents; }

  public JdbcRolloutStore rollouts() { return rollouts; }

  public JdbcAuditLog audit() { return audit; }

  public JdbcUserStore users() { return users; }
  /** Maintenance windows and freezes, over the documents table. */
  public JdbcCalendar calendar() { return calendar; }
  public JdbcNotificationOutbox notifications() { return notifications; }

  /** Stops the H2 compaction (if any) and closes the pool if this Store opened it. */
  @Override public void close() {
    compactor.ifPresent(H2Compactor::close);
    if (owned != null) owned.close();
  }
}
