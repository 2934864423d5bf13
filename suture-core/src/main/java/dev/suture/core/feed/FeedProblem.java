package dev.suture.core.feed;

import java.util.Objects;
import java.util.Optional;

/**
 * One skipped record, located so that an operator can find it in a feed of hundreds of megabytes.
 *
 * @param file the file, with the zip entry after {@code !} ({@code osv-all.zip!DEBIAN-CVE-2024-1.json}),
 *     the CSV line after {@code :line } ({@code epss.csv.gz:line 17}), or the array element after
 *     {@code :} ({@code kev.json:vulnerabilities[3]})
 * @param recordId the record's id when it could be read, even from an otherwise broken record
 * @param message what is wrong, naming the field
 */
public record FeedProblem(String file, Optional<String> recordId, String message) {
  public FeedProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file + recordId.map(id -> " (" + id + ")").orElse("") + ": " + message;
  }
}
