package dev.suture.bench;

import dev.suture.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty database for one run: an H2 file in a new temp directory (the embedded default's
 * URL), or a new schema on the PostgreSQL server. Closing deletes it again.
 */
public final class BenchDatabase implements AutoCloseable {
  public final String kind;
  public final String url;
  public final String user;
  public final String password;
  private final Optional<Path> h2Dir;
  private final Runnable cleanup;

  private BenchDatabase(String kind, String url, String user, String password, Optional<Path> h2Dir, Runnable cleanup) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.password = password;
    this.h2Dir = h2Dir;
    this.cleanup = cleanup;
  }

  static BenchDatabase create(String kind, BenchOptions o) {
    return create(kind, o.pgUrl(), o.pgUser(), o.pgPassword());
  }

  /** {@code kind} h2 or postgres; the PostgreSQL settings are only used for postgres. */
  public static BenchDatabase create(String kind, String pgUrl, String pgUser, String pgPassword) {
    return kind.equals("h2") ? h2() : postgres(pgUrl, pgUser, pgPassword);
  }

  /** The H2 database's directory (its size on disk); empty for PostgreSQL. */
  public Optional<Path> h2Dir() { return h2Dir; }

  private static BenchDatabase h2() {
    try {
      Path dir = Files.createTempDirectory("suture-bench-h2-");
      return new BenchDatabase("h2", Store.h2Url(dir), null, null, Optional.of(dir), () -> deleteTree(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BenchDatabase postgres(String pgUrl, String pgUser, String pgPassword) {
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(pgUrl, pgUser, pgPassword, "CREATE SCHEMA " + schema);
    String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new BenchDatabase("postgres", url, pgUser, pgPassword, Optional.empty(),
        () -> execute(pgUrl, pgUser, pgPassword, "DROP SCHEMA " + schema + " CASCADE"));
  }

  /** Product, version and the durability settings that decide commit latency. */
  public String describe() {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      var md = c.getMetaData();
      String s = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
      if (kind.equals("postgres")) s += " (synchronous_commit=" + show(c, "synchronous_commit") + ", fsync=" + show(c, "fsync")
          + ", shared_buffers=" + show(c, "shared_buffers") + ")";
      else s += " (file " + url + ")";
      return s;
    } catch (SQLException e) {
      return kind + " (cannot describe: " + e.getMessage() + ")";
    }
  }

  private static String show(Connection c, String setting) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
      return rs.next() ? rs.getString(1) : "?";
    }
  }

  private static void execute(String url, String user, String password, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + url + ": " + sql + " failed: " + e.getMessage()
          + " (is it running? pg_ctlcluster --skip-systemctl-redirect 15 main start)", e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }

  @Override public void close() { cleanup.run(); }
}
