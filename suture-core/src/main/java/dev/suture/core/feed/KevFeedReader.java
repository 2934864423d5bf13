package dev.suture.core.feed;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.suture.core.json.Json;
import dev.suture.core.vuln.KevEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads CISA's Known Exploited Vulnerabilities catalog ({@code known_exploited_vulnerabilities.json})
 * into {@link KevEntry} values.
 *
 * <p>Not streamed: the catalog is one JSON object of about 1.5 MB, read whole with the in-house JSON
 * reader, which has no streaming mode. The size is capped ({@link #DEFAULT_MAX_BYTES}) so that a wrong
 * or hostile URL cannot exhaust the heap. Entries are still handed to the sink one by one.
 *
 * <p>An entry without a valid {@code cveID} ({@code CVE-YYYY-NNNN...}), with a date that is not
 * {@code yyyy-MM-dd}, or with a field of the wrong type is reported as
 * {@code <name>:vulnerabilities[i]} and skipped.
 */
public final class KevFeedReader {
  /** About forty times the 2025 catalog. */
  public static final int DEFAULT_MAX_BYTES = 64 << 20;

  private final int maxBytes;

  public KevFeedReader() { this(DEFAULT_MAX_BYTES); }

  public KevFeedReader(int maxBytes) {
    if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    this.maxBytes = maxBytes;
  }

  public FeedSummary read(Path file, FeedSink<KevEntry> sink) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), sink);
    }
  }

  /**
   * Reads the catalog from a stream (not closed); {@code name} is used in problems and errors.
   *
   * @throws FeedFormatException when the catalog is over the size limit, not JSON, or has no
   *     {@code vulnerabilities} array
   */
  public FeedSummary read(InputStream in, String name, FeedSink<KevEntry> sink) throws IOException {
    byte[] bytes = in.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new FeedFormatException(name + ": larger than the " + maxBytes + "-byte limit for a KEV catalog");
    }
    List<?> entries = entries(name, new String(bytes, UTF_8));
    FeedTally<KevEntry> tally = new FeedTally<>(sink, () -> bytes.length, bytes.length);
    for (int i = 0; i < entries.size(); i++) {
      String where = name + ":vulnerabilities[" + i + "]";
      Object e = entries.get(i);
      if (!(e instanceof Map<?, ?> m)) {
        tally.problem(where, Optional.empty(), "an object is required");
        continue;
      }
      Optional<String> id = m.get("cveID") instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
      KevEntry entry;
      try {
        entry = entry(m);
      } catch (IllegalArgumentException bad) {
        tally.problem(where, id, bad.getMessage());
        continue;
      }
      tally.accept(entry);
    }
    return tally.finish();
  }

  private static List<?> entries(String name, String text) {
    Object doc;
    try {
      doc = Json.read(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (IllegalArgumentException | StackOverflowError e) {
      throw new FeedFormatException(name + ": not a JSON document: "
          + (e instanceof StackOverflowError ? "nested too deeply" : e.getMessage()));
    }
    if (!(doc instanceof Map<?, ?> m) || !(m.get("vulnerabilities") instanceof List<?> list)) {
      throw new FeedFormatException(name + ": not a KEV catalog: a JSON object with a 'vulnerabilities' array is required");
    }
    return list;
  }

  private static KevEntry entry(Map<?, ?> m) {
    String cve = string(m, "cveID", true);
    if (!CveIds.valid(cve)) throw new IllegalArgumentException("cveID '" + cve + "' is not a CVE id (CVE-YYYY-NNNN)");
    LocalDate added = date(m, "dateAdded", true).orElseThrow();
    Optional<LocalDate> due = date(m, "dueDate", false);
    String ransomware = string(m, "knownRansomwareCampaignUse", false);
    boolean known;
    if (ransomware == null || ransomware.equals("Unknown")) known = false;
    else if (ransomware.equals("Known")) known = true;
    else throw new IllegalArgumentException("knownRansomwareCampaignUse '" + ransomware + "' is not Known or Unknown");
    return new KevEntry(cve, string(m, "vendorProject", false), string(m, "product", false),
        string(m, "vulnerabilityName", false), added, due, known);
  }

  private static Optional<LocalDate> date(Map<?, ?> m, String key, boolean required) {
    String s = string(m, key, required);
    if (s == null || s.isEmpty()) return Optional.empty();
    try {
      return Optional.of(LocalDate.parse(s));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " '" + s + "' is not a date (yyyy-MM-dd)");
    }
  }

  private static String string(Map<?, ?> m, String key, boolean required) {
    Object v = m.get(key);
    if (v != null && !(v instanceof String)) throw new IllegalArgumentException(key + " must be a string");
    String s = (String) v;
    if (required && (s == null || s.isEmpty())) throw new IllegalArgumentException(key + " is required");
    return s;
  }
}
