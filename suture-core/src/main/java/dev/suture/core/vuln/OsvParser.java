package dev.suture.core.vuln;

import dev.suture.core.json.Json;
import dev.suture.core.version.InvalidVersionException;
import dev.suture.core.version.SemVerScheme;
import dev.suture.core.version.VersionScheme;
import dev.suture.core.version.VersionSchemes;
import dev.suture.core.vuln.OsvRecord.Affected;
import dev.suture.core.vuln.OsvRecord.Event;
import dev.suture.core.vuln.OsvRecord.EventKind;
import dev.suture.core.vuln.OsvRecord.Range;
import dev.suture.core.vuln.OsvRecord.RangeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one OSV document into an {@link OsvRecord}, checking every field matching relies on. Each error
 * carries the JSON path so that an import can report it and skip the record. Range versions are checked
 * against the ecosystem's version scheme here, once, rather than failing (or, worse, silently
 * mis-ordering) later while the whole fleet is being matched. Unknown fields are ignored, as the schema
 * allows additions.
 */
final class OsvParser {
  private static final VersionScheme SEMVER = new SemVerScheme();

  private final String id;

  private OsvParser(String id) { this.id = id; }

  static OsvRecord parse(String json) {
    if (json == null) throw new OsvFormatException(null, "", "no document");
    Object doc;
    try {
      doc = Json.read(json);
    } catch (IllegalArgumentException e) {
      throw new OsvFormatException(null, "", e.getMessage());
    }
    if (!(doc instanceof Map<?, ?> m)) throw new OsvFormatException(null, "", "the document is not a JSON object");
    Object idValue = m.get("id");
    if (!(idValue instanceof String s) || s.isBlank()) throw new OsvFormatException(null, "id", "a non-empty string is required");
    return new OsvParser(s).record(m);
  }

  private OsvRecord record(Map<?, ?> m) {
    Instant modified = timestamp(m, "modified", "modified", true).orElseThrow();
    List<String> aliases = strings(m, "aliases", "aliases");
    Optional<Instant> withdrawn = timestamp(m, "withdrawn", "withdrawn", false);
    List<Affected> affected = new ArrayList<>();
    List<?> entries = list(m, "affected", "affected");
    for (int i = 0; i < entries.size(); i++) affected.add(affected(object(entries.get(i), "affected[" + i + "]"), "affected[" + i + "]"));
    return new OsvRecord(id, modified, aliases, withdrawn, affected);
  }

  private Affected affected(Map<?, ?> m, String path) {
    Optional<OsvRecord.Package> pkg = Optional.empty();
    if (m.get("package") != null) {
      String p = path + ".package";
      Map<?, ?> pm = object(m.get("package"), p);
      pkg = Optional.of(new OsvRecord.Package(string(pm, "ecosystem", p + ".ecosystem", true).orElseThrow(),
          string(pm, "name", p + ".name", true).orElseThrow(), string(pm, "purl", p + ".purl", false)));
    }
    List<Range> ranges = new ArrayList<>();
    List<?> rs = list(m, "ranges", path + ".ranges");
    for (int i = 0; i < rs.size(); i++) {
      String rp = path + ".ranges[" + i + "]";
      ranges.add(range(object(rs.get(i), rp), rp, pkg.map(OsvRecord.Package::ecosystem).orElse(null)));
    }
    // versions[] entries are matched as exact strings (the spec's rule), so they are not checked
    // against the scheme: PyPI, for one, lists legacy versions that are not valid PEP 440.
    List<String> versions = strings(m, "versions", path + ".versions");
    return new Affected(pkg, ranges, versions);
  }

  private Range range(Map<?, ?> m, String path, String ecosystem) {
    String typeName = string(m, "type", path + ".type", true).orElseThrow();
    RangeType type;
    try {
      type = RangeType.valueOf(typeName);
    } catch (IllegalArgumentException e) {
      throw new OsvFormatException(id, path + ".type", "'" + typeName + "' is not one of SEMVER, ECOSYSTEM, GIT");
    }
    Optional<String> repo = string(m, "repo", path + ".repo", false);
    if (type == RangeType.GIT && repo.isEmpty()) throw new OsvFormatException(id, path + ".repo", "a GIT range needs its repo");
    // SEMVER ranges always use SemVer 2.0 order; ECOSYSTEM ranges the ecosystem's. Versions of an
    // ecosystem Suture has no scheme for cannot be checked (nor evaluated: the evaluator says so).
    VersionScheme scheme = type == RangeType.SEMVER ? SEMVER
        : type == RangeType.ECOSYSTEM && ecosystem != null ? VersionSchemes.find(ecosystem).orElse(null) : null;
    List<?> es = list(m, "events", path + ".events");
    if (es.isEmpty()) throw new OsvFormatException(id, path + ".events", "a range needs at least one event");
    List<Event> events = new ArrayList<>();
    boolean introduced = false;
    for (int i = 0; i < es.size(); i++) {
      String ep = path + ".events[" + i + "]";
      Event e = event(object(es.get(i), ep), ep, scheme);
      introduced |= e.kind() == EventKind.INTRODUCED;
      events.add(e);
    }
    // The schema requires an introduced event: without one nothing is ever affected, which is
    // almost certainly a broken record rather than a deliberate statement.
    if (!introduced) throw new OsvFormatException(id, path + ".events", "a range needs an introduced event");
    return new Range(type, repo, events);
  }

  private Event event(Map<?, ?> m, String path, VersionScheme scheme) {
    if (m.size() != 1) {
      throw new OsvFormatException(id, path, "an event has exactly one of introduced, fixed, last_affected, limit; found "
          + m.keySet());
    }
    String key = String.valueOf(m.keySet().iterator().next());
    EventKind kind = EventKind.ofKey(key).orElseThrow(() -> new OsvFormatException(id, path,
        "'" + key + "' is not one of introduced, fixed, last_affected, limit"));
    String version = string(m, key, path + "." + key, true).orElseThrow();
    Event event = new Event(kind, version);
    if (scheme != null && !event.isIntroducedZero() && !event.isLimitStar()) {
      try {
        scheme.compare(version, version);
      } catch (InvalidVersionException e) {
        throw new OsvFormatException(id, path + "." + key, e.getMessage());
      }
    }
    return event;
  }

  private Map<?, ?> object(Object v, String path) {
    if (v instanceof Map<?, ?> m) return m;
    throw new OsvFormatException(id, path, "an object is required, found " + describe(v));
  }

  private List<?> list(Map<?, ?> m, String key, String path) {
    Object v = m.get(key);
    if (v == null) return List.of();
    if (v instanceof List<?> l) return l;
    throw new OsvFormatException(id, path, "an array is required, found " + describe(v));
  }

  private List<String> strings(Map<?, ?> m, String key, String path) {
    List<?> l = list(m, key, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof String s)) throw new OsvFormatException(id, path + "[" + i + "]", "a string is required, found " + describe(l.get(i)));
      out.add(s);
    }
    return out;
  }

  private Optional<String> string(Map<?, ?> m, String key, String path, boolean required) {
    Object v = m.get(key);
    if (v == null) {
      if (required) throw new OsvFormatException(id, path, "is required");
      return Optional.empty();
    }
    if (!(v instanceof String s)) throw new OsvFormatException(id, path, "a string is required, found " + describe(v));
    if (required && s.isEmpty()) throw new OsvFormatException(id, path, "must not be empty");
    return Optional.of(s);
  }

  private Optional<Instant> timestamp(Map<?, ?> m, String key, String path, boolean required) {
    Optional<String> s = string(m, key, path, required);
    if (s.isEmpty()) return Optional.empty();
    try {
      // RFC 3339 allows offsets other than Z; OffsetDateTime accepts both.
      return Optional.of(OffsetDateTime.parse(s.get()).toInstant());
    } catch (DateTimeParseException e) {
      throw new OsvFormatException(id, path, "'" + s.get() + "' is not an RFC 3339 timestamp");
    }
  }

  private static String describe(Object v) {
    if (v == null) return "null";
    if (v instanceof Map) return "an object";
    if (v instanceof List) return "an array";
    if (v instanceof String) return "a string";
    if (v instanceof Boolean) return "a boolean";
    return "a number";
  }
}
