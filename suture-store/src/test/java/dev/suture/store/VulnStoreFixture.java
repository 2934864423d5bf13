package dev.suture.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.suture.core.audit.AuditEvent;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.json.Json;
import dev.suture.core.testing.ManualClock;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.OsvRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Shared set-up for the feed, inventory and finding store tests, subclassed per database. */
abstract class VulnStoreFixture {
  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-12-01T09:00:00Z");
  HikariDataSource ds;
  Store store;
  JdbcFeedStore feeds;
  JdbcInventoryStore inventories;
  JdbcFindingStore findings;

  abstract String url();
  String user() { return null; }
  String password() { return null; }

  @BeforeEach void openStore() {
    ds = Store.pool(url(), user(), password(), 6);
    store = Store.on(ds, clock, new DocumentParser(Set.of("fake")));
    feeds = JdbcFeedStore.on(ds, clock);
    inventories = JdbcInventoryStore.on(ds, clock);
    findings = JdbcFindingStore.on(ds, clock);
  }

  @AfterEach void closeStore() {
    if (ds != null) ds.close();
  }

  List<String> actions(String subject) { return store.audit().forSubject(subject).stream().map(AuditEvent::action).toList(); }

  /**
   * An OSV record as a feed publishes it: a Debian 12 package fixed in {@code fixed}, with a CVE alias,
   * a summary and a CVSS vector, written with whitespace the way feeds do (the store keeps it as is).
   */
  static String osvJson(String id, String modified, String pkg, String fixed, String summary) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema_version", "1.6.0");
    doc.put("id", id);
    doc.put("modified", modified);
    doc.put("published", "2026-01-02T03:04:05.123456Z");
    doc.put("aliases", List.of("CVE-" + id.substring(id.indexOf('-') + 1)));
    doc.put("summary", summary);
    doc.put("severity", List.of(Map.of("type", "CVSS_V3", "score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")));
    doc.put("affected", List.of(Map.of("package", Map.of("ecosystem", "Debian:12", "name", pkg),
        "ranges", List.of(Map.of("type", "ECOSYSTEM", "events", List.of(Map.of("introduced", "0"), Map.of("fixed", fixed)))))));
    return Json.write(doc).replace(",\"", ",\n  \"");
  }

  /** The Advisory a feed reader would build from that JSON. */
  @SuppressWarnings("unchecked")
  static Advisory advisory(String json) {
    Map<String, Object> doc = Json.readObject(json);
    List<Advisory.Severity> severities = new ArrayList<>();
    for (Object o : (List<Object>) doc.getOrDefault("severity", List.of())) {
      Map<String, Object> m = (Map<String, Object>) o;
      severities.add(new Advisory.Severity((String) m.get("type"), (String) m.get("score")));
    }
    return new Advisory(OsvRecord.parse(json), (String) doc.get("summary"),
        Optional.ofNullable((String) doc.get("published")).map(Instant::parse), severities, json);
  }

  static Advisory advisory(String id, String modified, String pkg, String fixed) {
    return advisory(osvJson(id, modified, pkg, fixed, "summary of " + id + " as of " + modified));
  }
}
