package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.suture.core.doc.DocumentParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Set;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With WRITE_DELAY=0 H2 never rewrites partly live chunks by itself, so a file written by many
 * small commits grows with dead space (docs/adr/012-h2-compaction.md). {@link H2Compactor} does
 * that rewriting.
 */
class H2CompactorTest {
  @TempDir Path tmp;

  /**
   * The store's pattern in small: each commit replaces one host's rows, keyed so that it touches
   * pages all over an index (as inventories do), and appends to a log (as audit events do). The
   * log's full pages stay live in the chunk that wrote them last, and keep that chunk.
   */
  private static void churn(Connection c, int commits, int compactEvery) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement del = c.prepareStatement("DELETE FROM rows_t WHERE host = ?");
         PreparedStatement ins = c.prepareStatement("INSERT INTO rows_t (host, seq, name) VALUES (?, ?, ?)");
         PreparedStatement log = c.prepareStatement("INSERT INTO log_t (id, body) VALUES (?, ?)")) {
      for (int i = 0; i < commits; i++) {
        for (int k = 0; k < 5; k++) {
          log.setLong(1, i * 5L + k);
          log.setString(2, "event " + i + " " + "y".repeat(150));
          log.addBatch();
        }
        log.executeBatch();
        int host = i % 20;
        del.setInt(1, host);
        del.executeUpdate();
        for (int p = 0; p < 100; p++) {
          ins.setInt(1, host);
          ins.setInt(2, p);
          ins.setString(3, "package-" + p + "-" + "x".repeat(40));
          ins.addBatch();
        }
        ins.executeBatch();
        c.commit();
        if (compactEvery > 0 && (i + 1) % compactEvery == 0) H2Compactor.compact(c, H2Compactor.TARGET_FILL_RATE, H2Compactor.WRITE_LIMIT);
      }
    }
    c.setAutoCommit(true);
  }

  private static long[] fileAndRows(Connection c) throws SQLException {
    MVStore mv = H2Compactor.mvStore(c).orElseThrow();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT (SELECT COUNT(*) FROM rows_t), (SELECT SUM(host * 1000 + seq) FROM rows_t) + (SELECT SUM(id) FROM log_t)")) {
      rs.next();
      return new long[] {mv.getFileStore().size(), rs.getLong(1), rs.getLong(2), mv.getFileStore().getChunksFillRate()};
    }
  }

  private long[] run(String name, int compactEvery) throws SQLException {
    try (HikariDataSource ds = Store.pool(Store.h2FileUrl(tmp.resolve(name)), null, null, 2); Connection c = ds.getConnection();
         Statement s = c.createStatement()) {
      // Production keeps H2's 45 s retention; a test cannot wait that long for chunks to become
      // rewritable, so it lets them be rewritten at once. Compaction itself is the same call.
      s.execute("SET RETENTION_TIME 0");
      s.execute("CREATE TABLE rows_t (host INT NOT NULL, seq INT NOT NULL, name VARCHAR(100) NOT NULL, PRIMARY KEY (host, seq))");
      s.execute("CREATE INDEX rows_t_name ON rows_t (name)");
      s.execute("CREATE TABLE log_t (id BIGINT PRIMARY KEY, body VARCHAR(300) NOT NULL)");
      churn(c, 1000, compactEvery);
      return fileAndRows(c);
    }
  }

  @Test
  void compactingKeepsAFileOfManySmallCommitsSmall() throws Exception {
    long[] plain = run("plain", 0);
    long[] compacted = run("compacted", 10);

    assertThat(compacted[1]).as("rows").isEqualTo(plain[1]).isEqualTo(20 * 100);
    assertThat(compacted[2]).as("row checksum").isEqualTo(plain[2]);
    assertThat(plain[3]).as("live share of the chunks without compaction (%)").isLessThan(10);
    assertThat(compacted[3]).as("live share of the chunks with compaction (%)").isGreaterThanOrEqualTo(20);
    assertThat(compacted[0]).as("file size with compaction vs without: %d vs %d", compacted[0], plain[0]).isLessThan(plain[0] / 5);
  }

  @Test
  void aStoreOnEmbeddedH2CompactsInTheBackgroundUntilClosed() throws Exception {
    Path base = tmp.resolve("store");
    try (Store store = Store.open(Store.h2FileUrl(base), null, null, 2, Clock.systemUTC(), new DocumentParser(Set.of()))) {
      assertThat(compactorThreads(base)).isEqualTo(1);
    }
    assertThat(compactorThreads(base)).as("stopped by Store.close").isZero();
  }

  @Test
  void onlyEmbeddedFileDatabasesAreCompacted() throws Exception {
    try (HikariDataSource mem = Store.pool("jdbc:h2:mem:compactor-test", null, null, 1)) {
      assertThat(H2Compactor.startIfEmbeddedH2(mem, H2Compactor.EVERY)).isEmpty();
    }
    try (HikariDataSource pg = Store.pool(TestDatabases.postgres(), TestDatabases.PG_USER, TestDatabases.PG_PASSWORD, 2);
         Connection c = pg.getConnection()) {
      assertThat(H2Compactor.startIfEmbeddedH2(pg, H2Compactor.EVERY)).isEmpty();
      assertThat(H2Compactor.compact(c, 100, H2Compactor.WRITE_LIMIT)).isFalse();
    }
  }

  /** Compactor threads for the database file {@code base}.mv.db (other tests' stores may have their own). */
  private static long compactorThreads(Path base) throws InterruptedException {
    String file = base.toAbsolutePath() + ".mv.db";
    long n = -1;
    for (int i = 0; i < 50 && n != 0; i++) { // a worker that has stopped may take a moment to leave its run method
      if (i > 0) Thread.sleep(20);
      n = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("suture-h2-compactor ") && t.getName().endsWith(file) && t.isAlive()).count();
      if (n == 1 && i == 0) return 1;
    }
    return n;
  }
}
