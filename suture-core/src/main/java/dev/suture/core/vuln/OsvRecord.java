package dev.suture.core.vuln;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One OSV advisory (ossf.github.io/osv-schema), reduced to what matching needs: identity, the
 * {@code modified} time (incremental re-import compares it), aliases (a GHSA and a CVE are the same
 * finding), withdrawal, and the affected packages with their ranges and explicit version lists.
 * Severity, references and free text are not kept here; they belong to the feed store.
 */
public record OsvRecord(String id, Instant modified, List<String> aliases, Optional<Instant> withdrawn,
    List<Affected> affected) {

  public OsvRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(modified, "modified");
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(withdrawn, "withdrawn");
    affected = List.copyOf(affected);
  }

  /** Parses one OSV JSON document; throws {@link OsvFormatException} naming the id and the bad field. */
  public static OsvRecord parse(String json) { return OsvParser.parse(json); }

  /** A withdrawn advisory was found to be wrong; it must never produce findings. */
  public boolean isWithdrawn() { return withdrawn.isPresent(); }

  /** An {@code affected[]} entry: one package and the versions of it the advisory covers. */
  public record Affected(Optional<Package> pkg, List<Range> ranges, List<String> versions) {
    public Affected {
      Objects.requireNonNull(pkg, "pkg");
      ranges = List.copyOf(ranges);
      versions = List.copyOf(versions);
    }
  }

  /**
   * {@code affected[].package}. The ecosystem keeps its release suffix ("Debian:12") because the
   * release decides which hosts the entry applies to; purl is informative only.
   */
  public record Package(String ecosystem, String name, Optional<String> purl) {
    public Package {
      Objects.requireNonNull(ecosystem, "ecosystem");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(purl, "purl");
    }
  }

  /** {@code affected[].ranges[]}: the events in document order (the evaluator sorts them). */
  public record Range(RangeType type, Optional<String> repo, List<Event> events) {
    public Range {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(repo, "repo");
      events = List.copyOf(events);
    }
  }

  public enum RangeType { SEMVER, ECOSYSTEM, GIT }

  /** The four event kinds, with their JSON key. */
  public enum EventKind {
    INTRODUCED("introduced"), FIXED("fixed"), LAST_AFFECTED("last_affected"), LIMIT("limit");

    private final String key;

    EventKind(String key) { this.key = key; }

    public String key() { return key; }

    static Optional<EventKind> ofKey(String key) {
      for (EventKind k : values()) if (k.key.equals(key)) return Optional.of(k);
      return Optional.empty();
    }
  }

  /** One event of a range: a kind and the version (or commit) it names. */
  public record Event(EventKind kind, String version) {
    public Event {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(version, "version");
    }

    /** {@code introduced: "0"} means "from the beginning of time", whatever the scheme. */
    public boolean isIntroducedZero() { return kind == EventKind.INTRODUCED && version.equals("0"); }

    /** A {@code limit} of {@code "*"} (the implicit default) means no upper limit. */
    public boolean isLimitStar() { return kind == EventKind.LIMIT && version.equals("*"); }
  }
}
