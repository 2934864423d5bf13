package dev.suture.core.feed;

import dev.suture.core.json.Json;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.OsvFormatException;
import dev.suture.core.vuln.OsvRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one OSV document into an {@link Advisory}: the matching part through {@link OsvRecord#parse},
 * plus the fields a person reads. Every error is an {@link OsvFormatException} naming the id and field.
 */
final class OsvDocument {
  static final int SUMMARY_MAX = 200;
  // Best effort for documents too broken to parse: the first "id" key with a plausible value. OSV
  // writers put the top-level id first; nested objects of the schema have no "id" key.
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"\\\\\\s]{1,200})\"");

  private OsvDocument() {}

  static Advisory advisory(String json) {
    Map<String, Object> m;
    try {
      m = Json.readObject(json);
    } catch (IllegalArgumentException e) {
      throw new OsvFormatException(null, "", e.getMessage());
    }
    // Parses the text a second time: OsvRecord.parse takes text only, and the parse is cheap next to
    // reading the feed (see docs/feeds.md).
    OsvRecord osv = OsvRecord.parse(json);
    String id = osv.id();
    return new Advisory(osv, summary(m, id), published(m, id), severities(m, id), json);
  }

  /** The id of a document that may not parse, if one can be found. */
  static Optional<String> idIn(String json) {
    Matcher match = ID.matcher(json.length() > 65536 ? json.substring(0, 65536) : json);
    return match.find() ? Optional.of(match.group(1)) : Optional.empty();
  }

  /** {@code summary}, or else the first non-blank line of {@code details} cut to {@value #SUMMARY_MAX} characters. */
  private static String summary(Map<String, Object> m, String id) {
    String summary = string(m, "summary", id);
    if (summary != null && !summary.isBlank()) return summary.strip();
    String details = string(m, "details", id);
    if (details == null) return "";
    String line = details.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    if (line.length() <= SUMMARY_MAX) return line;
    int end = Character.isHighSurrogate(line.charAt(SUMMARY_MAX - 1)) ? SUMMARY_MAX - 1 : SUMMARY_MAX;
    return line.substring(0, end).stripTrailing();
  }

  private static Optional<Instant> published(Map<String, Object> m, String id) {
    String s = string(m, "published", id);
    if (s == null) return Optional.empty();
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException e) {
      throw new OsvFormatException(id, "published", "'" + s + "' is not an RFC 3339 timestamp");
    }
  }

  private static List<Advisory.Severity> severities(Map<String, Object> m, String id) {
    Object v = m.get("severity");
    if (v == null) return List.of();
    if (!(v instanceof List<?> list)) throw new OsvFormatException(id, "severity", "an array is required");
    List<Advisory.Severity> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "severity[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> s)) throw new OsvFormatException(id, path, "an object is required");
      Object type = s.get("type");
      Object score = s.get("score");
      if (!(type instanceof String t) || t.isEmpty()) throw new OsvFormatException(id, path + ".type", "a non-empty string is required");
      if (!(score instanceof String sc) || sc.isEmpty()) throw new OsvFormatException(id, path + ".score", "a non-empty string is required");
      out.add(new Advisory.Severity(t, sc));
    }
    return out;
  }

  private static String string(Map<String, Object> m, String key, String id) {
    Object v = m.get(key);
    if (v == null || v instanceof String) return (String) v;
    throw new OsvFormatException(id, key, "a string is required");
  }
}
