package dev.suture.core.vuln;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One advisory as the feed store keeps it: the parsed OSV record the matcher evaluates, the fields a
 * person reads (summary, published, severity vectors) and the record's JSON exactly as the feed
 * published it, so the store can re-derive anything later without re-importing the feed.
 *
 * @param severities OSV {@code severity[]}: CVSS vectors by type ({@code CVSS_V3}, {@code CVSS_V4}, ...)
 */
public record Advisory(OsvRecord osv, String summary, Optional<Instant> published, List<Severity> severities,
                       String json) {
  public Advisory {
    Objects.requireNonNull(osv, "osv");
    summary = summary == null ? "" : summary;
    Objects.requireNonNull(published, "published");
    severities = List.copyOf(severities);
    Objects.requireNonNull(json, "json");
  }

  /** One OSV severity entry: {@code type} as OSV spells it, {@code score} the vector (or a number). */
  public record Severity(String type, String score) {
    public Severity {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(score, "score");
    }
  }

  public String id() { return osv.id(); }

  public Instant modified() { return osv.modified(); }

  /** The id and its aliases: the CVE names KEV and EPSS are keyed by are usually aliases. */
  public List<String> names() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(osv.id()), osv.aliases().stream()).distinct().toList();
  }
}
