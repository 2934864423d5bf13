package dev.suture.core.vuln;

/**
 * An OSV document that does not follow the schema. It names the record id (when the id itself could be
 * read) and the JSON path of the bad field, e.g. {@code affected[0].ranges[1].events[2]}, because a feed
 * import reports and skips such a record and the operator must be able to find it in a 500 MB feed.
 */
public final class OsvFormatException extends IllegalArgumentException {
  private final String recordId;
  private final String path;

  public OsvFormatException(String recordId, String path, String why) {
    super("OSV record " + (recordId == null ? "(id unknown)" : recordId)
        + (path == null || path.isEmpty() ? "" : " at " + path) + ": " + why);
    this.recordId = recordId;
    this.path = path;
  }

  /** The record's id, or null when the document had no readable id. */
  public String recordId() { return recordId; }

  /** The JSON path of the bad field; empty when the document as a whole is bad. */
  public String path() { return path == null ? "" : path; }
}
