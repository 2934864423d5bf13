package dev.suture.store;

import dev.suture.core.json.Json;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.AdvisoryIndex;
import dev.suture.core.vuln.EpssScore;
import dev.suture.core.vuln.KevEntry;
import dev.suture.core.vuln.OsvRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for advisories (with their index keys), KEV entries and EPSS scores: a record in, a record out. */
final class FeedRows {
  static final String ADVISORY_COLUMNS = "id, published, summary, severities, json";

  private FeedRows() {}

  /**
   * Times are kept to microseconds (ADR 001). Truncating before writing and before comparing makes a
   * re-import of the same record compare equal even when the feed wrote nanoseconds.
   */
  static Instant micros(Instant t) { return t == null ? null : t.truncatedTo(ChronoUnit.MICROS); }

  // --- advisories

  static Map<String, Instant> storedModified(Connection c, Collection<String> ids) throws SQLException {
    Map<String, Instant> out = new HashMap<>();
    for (List<String> chunk : Columns.chunks(ids)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, modified FROM advisories WHERE id IN ("
          + Columns.placeholders(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.put(rs.getString(1), Jdbc.time(rs, "modified"));
        }
      }
    }
    return out;
  }

  static void insertAdvisories(Connection c, List<Advisory> list, Instant now) throws SQLException {
    if (list.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO advisories (modified, published, withdrawn, summary, aliases, "
        + "severities, json, imported_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Advisory a : list) {
        bindAdvisory(ps, a, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    insertKeys(c, list);
  }

  static void updateAdvisories(Connection c, List<Advisory> list, Instant now) throws SQLException {
    if (list.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement("UPDATE advisories SET modified = ?, published = ?, withdrawn = ?, summary = ?, "
        + "aliases = ?, severities = ?, json = ?, imported_at = ? WHERE id = ?")) {
      for (Advisory a : list) {
        bindAdvisory(ps, a, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM advisory_keys WHERE advisory_id = ?")) {
      for (Advisory a : list) {
        ps.setString(1, a.id());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    insertKeys(c, list);
  }

  private static void bindAdvisory(PreparedStatement ps, Advisory a, Instant now) throws SQLException {
    Jdbc.setTime(ps, 1, micros(a.modified()));
    Jdbc.setTime(ps, 2, micros(a.published().orElse(null)));
    Jdbc.setTime(ps, 3, micros(a.osv().withdrawn().orElse(null)));
    ps.setString(4, a.summary());
    ps.setString(5, Json.write(a.osv().aliases()));
    List<Map<String, Object>> severities = new ArrayList<>();
    for (Advisory.Severity s : a.severities()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", s.type());
      m.put("score", s.score());
      severities.add(m);
    }
    ps.setString(6, Json.write(severities));
    ps.setString(7, a.json());
    Jdbc.setTime(ps, 8, now);
    ps.setString(9, a.id());
  }

  private static void insertKeys(Connection c, List<Advisory> list) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO advisory_keys (advisory_id, ecosystem, package) VALUES (?, ?, ?)")) {
      int n = 0;
      for (Advisory a : list) {
        for (AdvisoryIndex.Key k : AdvisoryIndex.keys(a.osv())) {
          ps.setString(1, a.id());
          ps.setString(2, k.ecosystem());
          ps.setString(3, k.packageName());
          ps.addBatch();
          if (++n % Columns.CHUNK == 0) ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** Why this advisory cannot be stored (a field too long for its column), or null. */
  static String unstorable(Advisory a) {
    String why = Columns.tooLong("id", a.id(), 255);
    for (AdvisoryIndex.Key k : AdvisoryIndex.keys(a.osv())) {
      if (why == null) why = Columns.tooLong("affected.package.ecosystem", k.ecosystem(), 100);
      if (why == null) why = Columns.tooLong("affected.package.name", k.packageName(), 500);
    }
    return why;
  }

  /** Reads a row selected with {@link #ADVISORY_COLUMNS}; the OSV record is re-parsed from the stored JSON. */
  @SuppressWarnings("unchecked")
  static Advisory advisory(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String json = rs.getString("json");
    OsvRecord osv;
    try {
      osv = OsvRecord.parse(json);
    } catch (RuntimeException e) {
      throw new IllegalStateException("stored advisory " + id + " does not parse any more: " + e.getMessage(), e);
    }
    List<Advisory.Severity> severities = new ArrayList<>();
    for (Object o : (List<Object>) Json.read(rs.getString("severities"))) {
      Map<String, Object> m = (Map<String, Object>) o;
      severities.add(new Advisory.Severity((String) m.get("type"), (String) m.get("score")));
    }
    return new Advisory(osv, rs.getString("summary"), Optional.ofNullable(Jdbc.time(rs, "published")), severities, json);
  }

  // --- KEV

  static Map<String, KevEntry> kev(Connection c, Collection<String> cveIds) throws SQLException {
    Map<String, KevEntry> out = new HashMap<>();
    for (List<String> chunk : Columns.chunks(cveIds)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM kev WHERE cve_id IN (" + Columns.placeholders(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            KevEntry e = new KevEntry(rs.getString("cve_id"), rs.getString("vendor_project"), rs.getString("product"),
                rs.getString("name"), rs.getObject("date_added", LocalDate.class),
                Optional.ofNullable(rs.getObject("due_date", LocalDate.class)), rs.getBoolean("ransomware"));
            out.put(e.cveId(), e);
          }
        }
      }
    }
    return out;
  }

  static void writeKev(Connection c, List<KevEntry> list, boolean insert) throws SQLException {
    if (list.isEmpty()) return;
    String sql = insert
        ? "INSERT INTO kev (vendor_project, product, name, date_added, due_date, ransomware, cve_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
        : "UPDATE kev SET vendor_project = ?, product = ?, name = ?, date_added = ?, due_date = ?, ransomware = ? WHERE cve_id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (KevEntry e : list) {
        ps.setString(1, e.vendorProject());
        ps.setString(2, e.product());
        ps.setString(3, e.name());
        ps.setObject(4, e.dateAdded());
        if (e.dueDate().isPresent()) ps.setObject(5, e.dueDate().get());
        else ps.setNull(5, Types.DATE);
        ps.setBoolean(6, e.knownRansomwareUse());
        ps.setString(7, e.cveId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  // --- EPSS

  static Map<String, EpssScore> epss(Connection c, Collection<String> cveIds) throws SQLException {
    Map<String, EpssScore> out = new HashMap<>();
    for (List<String> chunk : Columns.chunks(cveIds)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM epss WHERE cve_id IN (" + Columns.placeholders(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            EpssScore s = new EpssScore(rs.getString("cve_id"), rs.getDouble("epss"), rs.getDouble("percentile"),
                rs.getObject("score_date", LocalDate.class));
            out.put(s.cveId(), s);
          }
        }
      }
    }
    return out;
  }

  static void writeEpss(Connection c, List<EpssScore> list, boolean insert) throws SQLException {
    if (list.isEmpty()) return;
    String sql = insert
        ? "INSERT INTO epss (epss, percentile, score_date, cve_id) VALUES (?, ?, ?, ?)"
        : "UPDATE epss SET epss = ?, percentile = ?, score_date = ? WHERE cve_id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (EpssScore s : list) {
        ps.setDouble(1, s.epss());
        ps.setDouble(2, s.percentile());
        ps.setObject(3, s.scoreDate());
        ps.setString(4, s.cveId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
