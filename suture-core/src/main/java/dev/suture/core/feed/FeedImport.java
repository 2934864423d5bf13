package dev.suture.core.feed;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One feed import as recorded in {@code feed_imports}.
 *
 * @param id the sequence of the import's audit event
 * @param records records the import offered (advisories, KEV entries or EPSS scores), problems not included
 * @param inserted new records written; {@code updated} records rewritten; {@code unchanged} records
 *     already stored as they are (an advisory whose {@code modified} is not newer than the stored one
 *     counts as unchanged). All three are zero for a FAILED import: nothing it wrote was kept.
 * @param problemCount every problem reported; {@code problems} holds at most the first {@link #PROBLEMS_KEPT}
 * @param error why a FAILED import failed
 * @param changedAdvisoryIds ids of the advisories inserted or updated, for re-matching only those.
 *     Only on the value {@code FeedStore.importFeed} returns; not stored, so empty when read back.
 */
public record FeedImport(long id, FeedKind kind, String source, String actor, Instant startedAt, Instant finishedAt,
                         State state, long records, long inserted, long updated, long unchanged, long problemCount,
                         List<Problem> problems, Optional<String> error, List<String> changedAdvisoryIds) {
  public static final int PROBLEMS_KEPT = 1000;

  public enum State { SUCCEEDED, FAILED }

  /** A record the import could not use: the file it came from, its id when it had one, what was wrong. */
  public record Problem(String file, Optional<String> recordId, String message) {
    public Problem {
      file = file == null ? "" : file;
      Objects.requireNonNull(recordId, "recordId");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() { return file + recordId.map(id -> " " + id).orElse("") + ": " + message; }
  }

  public FeedImport {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(state, "state");
    problems = List.copyOf(problems);
    Objects.requireNonNull(error, "error");
    changedAdvisoryIds = List.copyOf(changedAdvisoryIds);
  }
}
