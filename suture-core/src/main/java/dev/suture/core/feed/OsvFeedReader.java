package dev.suture.core.feed;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.OsvFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads an OSV feed, one JSON document at a time, into {@link Advisory} values: a zip as OSV publishes
 * it ({@code <ecosystem>/all.zip}, read as a stream, one entry in memory at a time), a directory of
 * {@code *.json} files (walked, sorted by path), or one {@code .json} file.
 *
 * <p>A document that cannot be used (not JSON, not UTF-8, not a valid OSV record, larger than the
 * entry limit) is reported to the sink with its file, entry and — when it can be found — its id, and
 * skipped. A zip stream that is truncated or corrupt ends the read with a {@link FeedFormatException}.
 */
public final class OsvFeedReader {
  /** A real OSV record is a few kilobytes; the largest seen are well under 1 MiB. */
  public static final int DEFAULT_MAX_ENTRY_BYTES = 8 << 20;

  private final int maxEntryBytes;

  public OsvFeedReader() { this(DEFAULT_MAX_ENTRY_BYTES); }

  public OsvFeedReader(int maxEntryBytes) {
    if (maxEntryBytes <= 0) throw new IllegalArgumentException("maxEntryBytes must be positive, was " + maxEntryBytes);
    this.maxEntryBytes = maxEntryBytes;
  }

  /** A directory, a zip (recognised by its first bytes, not its name) or a single JSON file. */
  public FeedSummary read(Path path, FeedSink<Advisory> sink) throws IOException {
    if (Files.isDirectory(path)) return readDirectory(path, sink);
    if (startsWithZipHeader(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        return readZip(in, path.toString(), Files.size(path), sink);
      }
    }
    return readFile(path, sink);
  }

  /**
   * Reads a zip from a stream (a file or an HTTP body); {@code name} is used in problems and errors.
   * Entries whose names do not end in {@code .json} are skipped silently. The stream is read to its
   * end, to check the zip's end record, and is not closed.
   *
   * @param totalBytes the stream's length for progress, or -1 when unknown
   * @throws FeedFormatException when the stream is not a complete, consistent zip
   */
  public FeedSummary readZip(InputStream in, String name, long totalBytes, FeedSink<Advisory> sink) throws IOException {
    ZipTail source = new ZipTail(in);
    FeedTally<Advisory> tally = new FeedTally<>(sink, source::count, totalBytes);
    long entries = 0;
    String entry = null;
    try (ZipInputStream zip = new ZipInputStream(source, UTF_8)) {
      for (ZipEntry e; (e = nextEntry(zip, name, entry)) != null; ) {
        entries++;
        entry = e.getName();
        if (e.isDirectory() || !isJson(e.getName())) continue;
        // What is not read of an oversized entry is skipped by getNextEntry (inflated, not kept).
        document(name + "!" + e.getName(), zip, tally);
      }
      source.checkEnd(name, entries);
    } catch (ZipException | EOFException e) {
      throw new FeedFormatException(name + ": the zip stream is truncated or corrupt"
          + (entry == null ? "" : " (at or after entry " + entry + ")") + " after " + source.count() + " bytes: "
          + e.getMessage(), e);
    }
    return tally.finish();
  }

  private static ZipEntry nextEntry(ZipInputStream zip, String name, String previous) throws IOException {
    try {
      return zip.getNextEntry();
    } catch (IllegalArgumentException e) {
      // An entry name that is not UTF-8: the header is damaged (OSV names are ASCII ids).
      throw new FeedFormatException(name + ": the entry after " + (previous == null ? "the start" : previous)
          + " has a name that is not UTF-8: the zip is corrupt or not an OSV feed", e);
    }
  }

  /** Every {@code *.json} file under {@code dir}, in path order so that two reads report alike. */
  public FeedSummary readDirectory(Path dir, FeedSink<Advisory> sink) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(p -> isJson(p.getFileName().toString())).sorted().toList();
    }
    return readFiles(files, sink);
  }

  /** One OSV JSON document. */
  public FeedSummary readFile(Path file, FeedSink<Advisory> sink) throws IOException {
    return readFiles(List.of(file), sink);
  }

  private FeedSummary readFiles(List<Path> files, FeedSink<Advisory> sink) throws IOException {
    long total = 0;
    for (Path f : files) total += Files.size(f);
    long[] read = {0};
    FeedTally<Advisory> tally = new FeedTally<>(sink, () -> read[0], total);
    for (Path f : files) {
      try (CountingInputStream in = new CountingInputStream(Files.newInputStream(f))) {
        document(f.toString(), in, tally);
        read[0] += in.count();
      }
    }
    return tally.finish();
  }

  /** Reads one document of at most maxEntryBytes from {@code in} and hands it, or its problem, to the tally. */
  private void document(String file, InputStream in, FeedTally<Advisory> tally) throws IOException {
    byte[] bytes = in.readNBytes(maxEntryBytes + 1);
    if (bytes.length > maxEntryBytes) {
      tally.problem(file, OsvDocument.idIn(new String(bytes, 0, Math.min(bytes.length, 65536), UTF_8)),
          "larger than the " + maxEntryBytes + "-byte limit for one record; skipped");
      return;
    }
    String text;
    try {
      text = UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      tally.problem(file, Optional.empty(), "not valid UTF-8");
      return;
    }
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    Advisory advisory;
    try {
      advisory = OsvDocument.advisory(text);
    } catch (OsvFormatException e) {
      String t = text;
      tally.problem(file, Optional.ofNullable(e.recordId()).or(() -> OsvDocument.idIn(t)), e.getMessage());
      return;
    } catch (StackOverflowError e) {
      // The JSON reader is recursive; a hostile document of nested brackets within the size limit
      // must cost only itself. Nothing is shared with the failed parse, so going on is safe.
      tally.problem(file, OsvDocument.idIn(text), "nested too deeply to read");
      return;
    }
    tally.accept(advisory);
  }

  private static boolean isJson(String name) { return name.toLowerCase(Locale.ROOT).endsWith(".json"); }

  private static boolean startsWithZipHeader(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(4);
      // "PK\3\4" starts a zip with entries, "PK\5\6" an empty one.
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6);
    }
  }
}
