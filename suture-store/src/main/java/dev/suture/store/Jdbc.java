package dev.suture.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** Transactions and the few conversions every repository needs. */
final class Jdbc {
  interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) { this.dataSource = dataSource; }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  <T> T tx(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  <T> T read(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /**
   * A read whose statements all see one snapshot (REPEATABLE READ on both databases), for values
   * read with more than one query (an inventory's header and its packages). Runs with auto-commit
   * off, which is also what lets PostgreSQL's driver stream a result with a fetch size.
   */
  <T> T snapshot(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      int was = c.getTransactionIsolation();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        return work.apply(c);
      } finally {
        c.rollback(); // read-only: nothing to keep, and the isolation can only change between transactions
        c.setTransactionIsolation(was);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** For the few statements with a PostgreSQL-only fast path; everything else is portable SQL. */
  static boolean isPostgres(Connection c) throws SQLException {
    return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
  }

  static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) ps.setNull(i, Types.TIMESTAMP);
    else ps.setObject(i, LocalDateTime.ofInstant(t, ZoneOffset.UTC)); // zone-free: no DST surprises
  }

  static Instant time(ResultSet rs, String column) throws SQLException {
    LocalDateTime ts = rs.getObject(column, LocalDateTime.class);
    return ts == null ? null : ts.toInstant(ZoneOffset.UTC);
  }

  static final class StoreException extends RuntimeException {
    StoreException(SQLException e) { super("database error: " + e.getMessage(), e); }
  }
}
