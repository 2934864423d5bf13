package dev.suture.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an H2 file's bytes go: the file, the MVStore's own fill rates, the live data of each table
 * (DISK_SPACE_USED counts a table's indexes and its TEXT values kept out of row as LOBs: a probe with
 * 1,000 rows of 5,000-character TEXT reported 5.2 MB for the table), and the chunks by state. For
 * benchmarks only: the chunk part reads H2's internals (the embedded session's MVStore).
 */
public final class H2DiskReport {
  private static final Set<String> INFO = Set.of("info.FILE_SIZE", "info.FILL_RATE", "info.CHUNKS_FILL_RATE", "info.CHUNK_COUNT",
      "info.PAGE_COUNT", "info.PAGE_COUNT_LIVE", "RETENTION_TIME", "AUTO_COMPACT_FILL_RATE", "MAX_COMPACT_TIME", "WRITE_DELAY");

  private H2DiskReport() {}

  /** Total size of the regular files under {@code dir}. */
  public static long filesSize(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A multi-line report on an open embedded H2 connection. */
  public static String report(Connection c) throws SQLException {
    StringBuilder sb = new StringBuilder();
    Map<String, String> info = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS")) {
      while (rs.next()) if (INFO.contains(rs.getString(1))) info.put(rs.getString(1), rs.getString(2));
    }
    sb.append("   mvstore: ").append(info).append('\n');
    long tablesTotal = 0;
    List<String> lines = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
      while (rs.next()) tables.add(rs.getString(1));
    }
    List<long[]> sizes = new ArrayList<>();
    for (String t : tables) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("CALL DISK_SPACE_USED('\"" + t.replace("\"", "\"\"") + "\"')")) {
        rs.next();
        long bytes = rs.getLong(1);
        tablesTotal += bytes;
        sizes.add(new long[] {bytes, tables.indexOf(t)});
      }
    }
    sizes.sort((a, b) -> Long.compare(b[0], a[0]));
    for (long[] x : sizes) if (x[0] >= 1_000_000) lines.add(String.format("%s %.1f MB", tables.get((int) x[1]), x[0] / 1e6));
    sb.append(String.format("   tables with their indexes (DISK_SPACE_USED): %.1f MB; %s%n", tablesTotal / 1e6, String.join(", ", lines)));
    sb.append("   chunks: ").append(chunks(c)).append('\n');
    return sb.toString();
  }

  /**
   * The chunks by state, from the chunk metadata in the MVStore's layout map: dead (no live page,
   * waiting for the retention time before their space is reused), partly live, and full.
   */
  private static String chunks(Connection c) {
    try {
      org.h2.engine.SessionLocal session = (org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession();
      org.h2.mvstore.MVStore mv = session.getDatabase().getStore().getMvStore();
      long[] count = new long[3];
      long[] bytes = new long[3];
      long[] live = new long[3];
      for (Map.Entry<String, String> e : mv.getFileStore().getLayoutMap().entrySet()) {
        if (!e.getKey().startsWith("chunk.")) continue;
        Map<String, Long> f = new java.util.HashMap<>();
        for (String kv : e.getValue().split(",")) {
          int i = kv.indexOf(':');
          try {
            f.put(kv.substring(0, i), Long.parseLong(kv.substring(i + 1), 16));
          } catch (NumberFormatException ignored) {
            // not a number (none expected); skip
          }
        }
        long pages = f.getOrDefault("pages", 0L);
        long livePages = f.getOrDefault("livePages", pages);
        int k = livePages == 0 ? 0 : livePages < pages ? 1 : 2;
        count[k]++;
        bytes[k] += f.getOrDefault("len", 0L) * 4096;
        live[k] += f.getOrDefault("liveMax", f.getOrDefault("max", 0L));
      }
      return String.format("dead %d (%.1f MB), partly live %d (%.1f MB holding %.1f MB live), full %d (%.1f MB); file %.1f MB",
          count[0], bytes[0] / 1e6, count[1], bytes[1] / 1e6, live[1] / 1e6, count[2], bytes[2] / 1e6, mv.getFileStore().size() / 1e6);
    } catch (RuntimeException | SQLException | LinkageError e) {
      return "unknown (" + e + ")";
    }
  }
}
