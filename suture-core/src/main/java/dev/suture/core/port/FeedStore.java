package dev.suture.core.port;

import dev.suture.core.feed.FeedImport;
import dev.suture.core.feed.FeedKind;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.EpssScore;
import dev.suture.core.vuln.KevEntry;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port: the advisories, KEV entries and EPSS scores Suture imported. An import is all or nothing:
 * readers see the data as it was before it or after it, never half of it (docs/adr/011).
 */
public interface FeedStore {
  /** What an import body writes through. Its methods may only be called while the body runs. */
  interface Batch {
    /** An OSV advisory: stored when new or newer ({@code modified}) than the stored one. */
    void advisory(Advisory advisory);

    void kev(KevEntry entry);

    void epss(EpssScore score);

    /** A record the body could not use; the import goes on. The first 1000 are kept with the import. */
    void problem(String file, Optional<String> recordId, String message);
  }

  /** The reading side of an import: called once, inside the import's transaction. */
  @FunctionalInterface
  interface ImportBody {
    void run(Batch batch) throws IOException;
  }

  /** What the status page shows: how much is stored. */
  record Counts(long advisories, long withdrawn, long advisoryKeys, long kev, long epss) {}

  /**
   * Runs {@code body} in one transaction and records the import; when the body throws, nothing it
   * wrote is kept, the failure is recorded and the exception rethrown ({@link IOException} unchecked).
   */
  FeedImport importFeed(FeedKind kind, String source, String actor, ImportBody body);

  Optional<Advisory> advisory(String id);

  List<Advisory> advisories(Collection<String> ids);

  /** The advisories filed under one (ecosystem with release, package) key. */
  List<Advisory> advisoriesFor(String ecosystem, String packageName);

  /** Every advisory, streamed (to build the matcher's index). */
  void forEachAdvisory(Consumer<Advisory> consumer);

  Map<String, KevEntry> kev(Collection<String> cveIds);

  Map<String, EpssScore> epss(Collection<String> cveIds);

  List<FeedImport> imports(int limit);

  Counts counts();
}
