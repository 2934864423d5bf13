package dev.suture.store;

import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.LineProblem;
import dev.suture.core.inventory.PackageSet;
import dev.suture.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for inventories and installed_packages: a snapshot in, a snapshot out. */
final class InventoryRows {
  private InventoryRows() {}

  /** Names the first field of {@code s} too long for its column. */
  static void validate(InventorySnapshot s) {
    Columns.check("asset", s.asset(), 253);
    Columns.check("source", s.source(), 200);
    for (int i = 0; i < s.packageSets().size(); i++) {
      PackageSet set = s.packageSets().get(i);
      String at = "packageSets[" + i + "]";
      Columns.check(at + ".ecosystem", set.ecosystem(), 100);
      for (int j = 0; j < set.packages().size(); j++) {
        InstalledPackage p = set.packages().get(j);
        String pat = at + ".packages[" + j + "]";
        Columns.check(pat + ".name", p.name(), 500);
        Columns.check(pat + ".sourceName", p.sourceName(), 500);
        Columns.check(pat + ".version", p.version(), 500);
        Columns.check(pat + ".sourceVersion", p.sourceVersion(), 500);
        Columns.check(pat + ".arch", p.arch(), 64);
      }
    }
  }

  static void writeHeader(Connection c, InventorySnapshot s, boolean insert) throws SQLException {
    String sql = insert
        ? "INSERT INTO inventories (collected_at, source, os_name, package_count, package_sets, problems, asset) VALUES (?, ?, ?, ?, ?, ?, ?)"
        : "UPDATE inventories SET collected_at = ?, source = ?, os_name = ?, package_count = ?, package_sets = ?, problems = ? WHERE asset = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.setTime(ps, 1, s.collectedAt());
      ps.setString(2, s.source());
      ps.setString(3, s.osName());
      ps.setInt(4, s.packageCount());
      ps.setString(5, Json.write(s.packageSets().stream().map(PackageSet::ecosystem).toList()));
      List<Map<String, Object>> problems = new ArrayList<>();
      for (LineProblem p : s.problems()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", p.line());
        m.put("text", p.text());
        m.put("reason", p.reason());
        problems.add(m);
      }
      ps.setString(6, Json.write(problems));
      ps.setString(7, s.asset());
      ps.executeUpdate();
    }
  }

  static void deletePackages(Connection c, String asset) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM installed_packages WHERE asset = ?")) {
      ps.setString(1, asset);
      ps.executeUpdate();
    }
  }

  static void insertPackages(Connection c, InventorySnapshot s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO installed_packages (asset, set_index, seq, ecosystem, name, source_name, "
        + "version, source_version, arch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (int i = 0; i < s.packageSets().size(); i++) {
        PackageSet set = s.packageSets().get(i);
        for (int j = 0; j < set.packages().size(); j++) {
          InstalledPackage p = set.packages().get(j);
          ps.setString(1, s.asset());
          ps.setInt(2, i);
          ps.setInt(3, j);
          ps.setString(4, set.ecosystem());
          ps.setString(5, p.name());
          ps.setString(6, p.sourceName());
          ps.setString(7, p.version());
          ps.setString(8, p.sourceVersion());
          ps.setString(9, p.arch());
          ps.addBatch();
          if (++pending == Columns.CHUNK) {
            ps.executeBatch();
            pending = 0;
          }
        }
      }
      if (pending > 0) ps.executeBatch();
    }
  }

  /** An inventories row, waiting for its packages. */
  static final class Header {
    final String asset;
    final Instant collectedAt;
    final String source;
    final String osName;
    final List<String> ecosystems;
    final List<LineProblem> problems;
    final List<List<InstalledPackage>> packages = new ArrayList<>();

    @SuppressWarnings("unchecked")
    Header(ResultSet rs) throws SQLException {
      asset = rs.getString("asset");
      collectedAt = Jdbc.time(rs, "collected_at");
      source = rs.getString("source");
      osName = rs.getString("os_name");
      ecosystems = (List<String>) Json.read(rs.getString("package_sets"));
      problems = new ArrayList<>();
      for (Object o : (List<Object>) Json.read(rs.getString("problems"))) {
        Map<String, Object> m = (Map<String, Object>) o;
        problems.add(new LineProblem(((Number) m.get("line")).intValue(), (String) m.get("text"), (String) m.get("reason")));
      }
      for (int i = 0; i < ecosystems.size(); i++) packages.add(new ArrayList<>());
    }

    /** Adds the package of a row selected in (set_index, seq) order. */
    void add(ResultSet rs) throws SQLException {
      int set = rs.getInt("set_index");
      if (set < 0 || set >= packages.size())
        throw new SQLException("installed_packages row of " + asset + " names package set " + set + " of " + packages.size());
      packages.get(set).add(new InstalledPackage(rs.getString("name"), rs.getString("source_name"), rs.getString("version"),
          rs.getString("source_version"), rs.getString("arch")));
    }

    InventorySnapshot toSnapshot() {
      List<PackageSet> sets = new ArrayList<>();
      for (int i = 0; i < ecosystems.size(); i++) sets.add(new PackageSet(ecosystems.get(i), packages.get(i)));
      return new InventorySnapshot(asset, collectedAt, source, osName, sets, problems);
    }
  }
}
