package dev.suture.store;

import dev.suture.core.port.InventoryStore;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InstalledRow;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.vuln.AdvisoryIndex;
import dev.suture.core.vuln.FleetMatcher;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The latest inventory of each asset on JDBC. A snapshot replaces the asset's previous one as a whole,
 * in one transaction with its audit event: a reader sees the old package list or the new one, never a
 * mix, and the matcher never sees a host half-collected.
 */
public final class JdbcInventoryStore implements InventoryStore {
  private static final String UNIQUE_VIOLATION = "23505";
  /** Distinct package names one {@link #installedMatching} call takes: twice this many parameters stays under PostgreSQL's 32767. */
  static final int MAX_MATCH_NAMES = 10_000;

  private final Jdbc jdbc;
  private final Clock clock;

  private JdbcInventoryStore(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** On a data source already migrated by {@link Store} (which owns the schema). */
  public static JdbcInventoryStore on(DataSource ds, Clock clock) { return new JdbcInventoryStore(new Jdbc(ds), clock); }

  /**
   * Stores {@code s} as the asset's inventory, replacing the previous one, and appends
   * {@code inventory.collected}. A snapshot collected before the stored one is not written (two
   * collections of one host finishing out of order must not leave the older one behind).
   *
   * @return true when written, false when the stored snapshot is newer
   * @throws IllegalArgumentException naming the field, when a value is too long to store
   */
  public boolean replace(InventorySnapshot s, String actor) {
    Objects.requireNonNull(s, "snapshot");
    Objects.requireNonNull(actor, "actor");
    InventoryRows.validate(s);
    InventorySnapshot stored = new InventorySnapshot(s.asset(), FeedRows.micros(s.collectedAt()), s.source(), s.osName(),
        s.packageSets(), s.problems());
    return jdbc.tx(c -> {
      Instant previous = null;
      int previousCount = 0;
      boolean exists = false;
      // The row lock serialises two collections of the same asset: the second waits, then sees the first.
      try (PreparedStatement ps = c.prepareStatement("SELECT collected_at, package_count FROM inventories WHERE asset = ? FOR UPDATE")) {
        ps.setString(1, s.asset());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            exists = true;
            previous = Jdbc.time(rs, "collected_at");
            previousCount = rs.getInt("package_count");
          }
        }
      }
      if (exists && previous.isAfter(stored.collectedAt())) return false;
      if (exists) {
        InventoryRows.writeHeader(c, stored, false);
        InventoryRows.deletePackages(c, s.asset());
      } else {
        try {
          InventoryRows.writeHeader(c, stored, true);
        } catch (SQLException e) {
          // A first collection of the asset raced another: there was no row to lock.
          if (UNIQUE_VIOLATION.equals(e.getSQLState()))
            throw new ConflictException("the inventory of " + s.asset() + " was written at the same time by someone else; retry");
          throw e;
        }
      }
      InventoryRows.insertPackages(c, stored);
      AuditAppender.append(c, List.of(AuditRecord.of(actor, "inventory.collected", subject(s.asset()), "source", s.source(),
          "collectedAt", stored.collectedAt().toString(), "os", s.osName(), "packages", s.packageCount(),
          "previousPackages", previousCount, "ecosystems", s.packageSets().stream().map(p -> p.ecosystem()).toList(),
          "problems", s.problems().size())), clock.instant());
      return true;
    });
  }

  public static String subject(String asset) { return "inventory/" + asset; }

  public Optional<InventorySnapshot> find(String asset) {
    return jdbc.snapshot(c -> {
      InventoryRows.Header h;
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM inventories WHERE asset = ?")) {
        ps.setString(1, asset);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          h = new InventoryRows.Header(rs);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM installed_packages WHERE asset = ? ORDER BY set_index, seq")) {
        ps.setString(1, asset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) h.add(rs);
        }
      }
      return Optional.of(h.toSnapshot());
    });
  }

  /** The assets with an inventory, by name. */
  public List<String> assets() {
    return jdbc.read(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT asset FROM inventories ORDER BY asset"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    });
  }

  /** When each asset's inventory was collected. */
  public Map<String, Instant> collectedAt() {
    return jdbc.read(c -> {
      Map<String, Instant> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT asset, collected_at FROM inventories ORDER BY asset");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.put(rs.getString("asset"), Jdbc.time(rs, "collected_at"));
      }
      return out;
    });
  }

  /**
   * Every asset's snapshot, by asset, one at a time (for matching the whole fleet). The headers are
   * read first (one small row per asset); the packages are streamed in asset order from one snapshot
   * of the database, so only one asset's packages are in memory at a time.
   */
  public void forEach(Consumer<InventorySnapshot> consumer) {
    jdbc.snapshot(c -> {
      List<InventoryRows.Header> headers = new ArrayList<>();
      Map<String, Integer> position = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM inventories ORDER BY asset"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          InventoryRows.Header h = new InventoryRows.Header(rs);
          position.put(h.asset, headers.size());
          headers.add(h);
        }
      }
      int next = 0; // headers before this one have been handed out
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM installed_packages ORDER BY asset, set_index, seq")) {
        ps.setFetchSize(Columns.CHUNK);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Integer at = position.get(rs.getString("asset"));
            if (at == null) continue; // cannot happen within one snapshot; a stray row must not stop the fleet
            if (at < next) throw new SQLException("installed_packages of " + rs.getString("asset") + " arrived after that asset "
                + "was handed out: the two queries disagree on the order of asset names");
            // Both queries order by asset with the same collation, so the rows arrive in header order.
            while (next < at) emit(headers, next++, consumer);
            headers.get(at).add(rs);
          }
        }
      }
      while (next < headers.size()) emit(headers, next++, consumer);
      return null;
    });
  }

  private static void emit(List<InventoryRows.Header> headers, int i, Consumer<InventorySnapshot> consumer) {
    InventorySnapshot s = headers.get(i).toSnapshot();
    headers.set(i, null); // let its packages go
    consumer.accept(s);
  }

  /**
   * The rows advisories filed under {@code keys} can apply to, from one statement: rows whose source
   * name is a key's package, UNION rows whose binary name is (a row without a source name is matched by
   * its binary name), each branch served by an index of V9. Both branches may return rows another key
   * rule excludes (a binary named like a key but built from another source, the same name in another
   * ecosystem); the exact rule, {@link FleetMatcher#matchName} and {@link AdvisoryIndex.Key#of}, is
   * applied here, so the result is what {@link InventoryStore#installedMatching}'s default returns.
   * Equal package rows and strings are shared between hosts, as most hosts run the same versions.
   *
   * @throws IllegalArgumentException when the keys name more than {@value #MAX_MATCH_NAMES} distinct packages
   */
  /** The statement for {@code n} names: n parameters for source names, then the same n for binary names. */
  static String matchSql(int n) {
    String in = Columns.placeholders(n);
    String columns = "asset, set_index, seq, ecosystem, name, source_name, version, source_version, arch";
    return "SELECT " + columns + " FROM installed_packages WHERE source_name IN (" + in + ") UNION SELECT " + columns
        + " FROM installed_packages WHERE name IN (" + in + ") ORDER BY asset, set_index, seq";
  }

  @Override
  public List<InstalledRow> installedMatching(Collection<AdvisoryIndex.Key> keys) {
    Set<AdvisoryIndex.Key> wanted = Set.copyOf(keys);
    if (wanted.isEmpty()) return List.of();
    Set<String> names = new LinkedHashSet<>();
    for (AdvisoryIndex.Key k : wanted) names.add(k.packageName());
    if (names.size() > MAX_MATCH_NAMES)
      throw new IllegalArgumentException("keys: " + names.size() + " distinct package names, at most " + MAX_MATCH_NAMES + " per call");
    String sql = matchSql(names.size());
    return jdbc.snapshot(c -> {
      List<InstalledRow> out = new ArrayList<>();
      Map<InstalledPackage, InstalledPackage> shared = new HashMap<>();
      Map<String, String> ecosystems = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (String n : names) ps.setString(i++, n);
        for (String n : names) ps.setString(i++, n);
        ps.setFetchSize(Columns.CHUNK);
        try (ResultSet rs = ps.executeQuery()) {
          String asset = null;
          while (rs.next()) {
            InstalledPackage p = new InstalledPackage(rs.getString("name"), rs.getString("source_name"), rs.getString("version"),
                rs.getString("source_version"), rs.getString("arch"));
            String ecosystem = ecosystems.computeIfAbsent(rs.getString("ecosystem"), e -> e);
            if (!wanted.contains(AdvisoryIndex.Key.of(ecosystem, FleetMatcher.matchName(p)))) continue;
            String a = rs.getString("asset");
            if (!a.equals(asset)) asset = a; // rows arrive by asset: one string per asset
            out.add(new InstalledRow(asset, rs.getInt("set_index"), ecosystem, shared.computeIfAbsent(p, x -> x)));
          }
        }
      }
      return out;
    });
  }
}
