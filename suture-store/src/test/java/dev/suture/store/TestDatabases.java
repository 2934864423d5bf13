package dev.suture.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for store tests. H2 in a temp dir always; PostgreSQL at SUTURE_TEST_PG_URL (default
 * the local server .ci/run starts). Without PostgreSQL the PG tests skip, except under CI=true,
 * where a missing database is a failure rather than a silent skip.
 */
public final class TestDatabases {
  public static final String PG_URL = env("SUTURE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/suture_test");
  public static final String PG_USER = env("SUTURE_TEST_PG_USER", "suture");
  public static final String PG_PASSWORD = env("SUTURE_TEST_PG_PASSWORD", "suture");

  private TestDatabases() {}

  /** The embedded URL Suture uses ({@link Store#h2FileUrl}), in a fresh file under {@code dir}. */
  public static String h2(Path dir) { return Store.h2FileUrl(dir.resolve("t" + UUID.randomUUID())); }

  /** A fresh schema on the PostgreSQL test server; returns a URL whose search_path points at it. */
  public static String postgres() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI")))
        throw new IllegalStateException("PostgreSQL is required under CI but unreachable at " + PG_URL + ": " + e.getMessage(), e);
      Assumptions.abort("PostgreSQL not reachable at " + PG_URL + " (" + e.getMessage() + "); run .ci/run to start it");
    }
    return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static String env(String k, String d) {
    String v = System.getenv(k);
    return v == null || v.isBlank() ? d : v;
  }
}
