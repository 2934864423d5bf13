package dev.suture.core.vuln;

import dev.suture.core.feed.EpssFeedReader;
import dev.suture.core.feed.FeedProblem;
import dev.suture.core.feed.FeedProgress;
import dev.suture.core.feed.FeedSink;
import dev.suture.core.feed.KevFeedReader;
import dev.suture.core.feed.OsvFeedReader;
import dev.suture.core.feed.FeedImport;
import dev.suture.core.feed.FeedKind;
import dev.suture.core.port.FeedStore;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one feed from its bytes into one import transaction, then lets the findings follow.
 * The bytes are read as they arrive (an upload or a download), one record at a time.
 */
public final class FeedImporter {
  private static final Logger log = LoggerFactory.getLogger(FeedImporter.class);

  /** The import as stored and what it did to findings. */
  public record Result(FeedImport imported, VulnerabilityService.Outcome findings) {}

  private final VulnerabilityService service;

  public FeedImporter(VulnerabilityService service) { this.service = service; }

  /**
   * @param in the feed: an OSV zip, the KEV JSON catalog, or EPSS CSV (gzip or plain)
   * @param totalBytes the length when known (progress), else -1
   * @param epssDate the EPSS score date when the file does not carry one
   */
  public Result importFeed(FeedKind kind, InputStream in, String source, long totalBytes, LocalDate epssDate, String actor,
                           Consumer<FeedProgress> progress) {
    FeedImport imported = service.feeds().importFeed(kind, source, actor, batch -> {
      switch (kind) {
        case OSV:
          new OsvFeedReader().readZip(in, source, totalBytes, sink(batch::advisory, batch, progress));
          break;
        case KEV:
          new KevFeedReader().read(in, source, sink(batch::kev, batch, progress));
          break;
        default:
          new EpssFeedReader().read(in, source, totalBytes, epssDate, sink(batch::epss, batch, progress));
      }
    });
    log.info("feed {} from {}: {} records, {} new, {} updated, {} unchanged, {} problems", kind.wireName(), source,
        imported.records(), imported.inserted(), imported.updated(), imported.unchanged(), imported.problemCount());
    return new Result(imported, service.afterImport(imported));
  }

  private static <T> FeedSink<T> sink(Consumer<T> accept, FeedStore.Batch batch, Consumer<FeedProgress> progress) {
    return new FeedSink<>() {
      @Override public void accept(T item) { accept.accept(item); }

      @Override public void problem(FeedProblem p) { batch.problem(p.file(), p.recordId(), p.message()); }

      @Override public void progress(FeedProgress p) { progress.accept(p); }
    };
  }
}
