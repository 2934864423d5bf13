package dev.suture.core.feed;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.suture.core.vuln.EpssScore;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads FIRST's EPSS scores CSV ({@code epss_scores-YYYY-MM-DD.csv.gz}), plain or gzip-compressed
 * (recognised by the gzip magic bytes, not the name), streamed line by line in bounded memory:
 *
 * <pre>
 * #model_version:v2025.03.14,score_date:2025-03-15T00:00:00+0000
 * cve,epss,percentile
 * CVE-1999-0001,0.01025,0.76938
 * </pre>
 *
 * The comment line is optional; its {@code score_date} (a date, or a date and time whose date part is
 * taken) dates every row. Without it the caller's default date is used. A row with the wrong number of
 * columns, a bad CVE id or a number outside 0..1 is reported as {@code <name>:line N} and skipped; a
 * missing or unknown header ends the read with a {@link FeedFormatException}.
 */
public final class EpssFeedReader {
  static final String HEADER = "cve,epss,percentile";
  /** EPSS rows are about 40 characters; a longer line is not a row. */
  static final int MAX_LINE = 4096;
  private static final Pattern DECIMAL = Pattern.compile("[0-9.eE+-]+");
  private static final Pattern SCORE_DATE = Pattern.compile("(?:^|,)\\s*score_date:\\s*(\\d{4}-\\d{2}-\\d{2})(?:T[^,]*)?\\s*(?:,|$)");

  public FeedSummary read(Path file, LocalDate defaultScoreDate, FeedSink<EpssScore> sink) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), Files.size(file), defaultScoreDate, sink);
    }
  }

  /**
   * Reads the CSV from a stream (not closed); {@code name} is used in problems and errors.
   *
   * @param totalBytes the stream's length for progress, or -1 when unknown
   * @param defaultScoreDate the date of the scores when the file has no {@code score_date} comment;
   *     null to require one
   * @throws FeedFormatException on a missing or unknown header, a missing or bad score date, or a
   *     truncated or corrupt gzip stream
   */
  public FeedSummary read(InputStream in, String name, long totalBytes, LocalDate defaultScoreDate,
      FeedSink<EpssScore> sink) throws IOException {
    CountingInputStream source = new CountingInputStream(in);
    FeedTally<EpssScore> tally = new FeedTally<>(sink, source::count, totalBytes);
    try (InputStream data = decompressed(source);
         InputStreamReader text = new InputStreamReader(data, UTF_8)) {
      LineReader lines = new LineReader(text, MAX_LINE);
      String line = lines.next();
      if (line != null && line.startsWith("\uFEFF")) line = line.substring(1);
      LocalDate scoreDate = defaultScoreDate;
      if (line != null && line.startsWith("#")) {
        scoreDate = scoreDate(name, line).orElse(defaultScoreDate);
        line = lines.next();
      }
      if (line == null) throw new FeedFormatException(name + ": empty: the header '" + HEADER + "' is missing");
      if (!line.strip().equals(HEADER)) {
        throw new FeedFormatException(name + ":line " + lines.number() + ": the header must be '" + HEADER + "', found '"
            + shorten(line) + "'");
      }
      if (scoreDate == null) {
        throw new FeedFormatException(name + ": no score_date comment in the file and no default score date given");
      }
      while ((line = lines.next()) != null) {
        if (line.isBlank()) continue;
        row(name + ":line " + lines.number(), line, lines.cut(), scoreDate, tally);
      }
    } catch (ZipException | EOFException e) {
      throw new FeedFormatException(name + ": the gzip stream is truncated or corrupt after " + source.count()
          + " bytes: " + e.getMessage(), e);
    }
    return tally.finish();
  }

  private static void row(String where, String line, boolean cut, LocalDate scoreDate, FeedTally<EpssScore> tally) {
    if (cut) {
      tally.problem(where, Optional.empty(), "longer than " + MAX_LINE + " characters");
      return;
    }
    String[] f = line.split(",", -1);
    Optional<String> id = f[0].isBlank() ? Optional.empty() : Optional.of(f[0].strip());
    if (f.length != 3) {
      tally.problem(where, id, "3 columns (cve,epss,percentile) are required, found " + f.length);
      return;
    }
    String cve = f[0].strip();
    if (!CveIds.valid(cve)) {
      tally.problem(where, id, "cve '" + shorten(cve) + "' is not a CVE id (CVE-YYYY-NNNN)");
      return;
    }
    double epss = probability(f[1]);
    double percentile = probability(f[2]);
    if (Double.isNaN(epss)) tally.problem(where, id, "epss '" + shorten(f[1]) + "' is not a number within 0..1");
    else if (Double.isNaN(percentile)) tally.problem(where, id, "percentile '" + shorten(f[2]) + "' is not a number within 0..1");
    else tally.accept(new EpssScore(cve, epss, percentile, scoreDate));
  }

  /** The number, or NaN when it is not a plain decimal within 0..1. */
  private static double probability(String s) {
    String t = s.strip();
    // parseDouble also takes "NaN", "Infinity", hex floats and a trailing 'd'; a score is none of them.
    if (t.isEmpty() || !DECIMAL.matcher(t).matches()) return Double.NaN;
    try {
      double d = Double.parseDouble(t);
      return d >= 0 && d <= 1 ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static Optional<LocalDate> scoreDate(String name, String comment) {
    Matcher m = SCORE_DATE.matcher(comment.substring(1));
    if (!m.find()) {
      if (comment.contains("score_date")) {
        throw new FeedFormatException(name + ":line 1: score_date in '" + shorten(comment) + "' is not a date (yyyy-MM-dd...)");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(m.group(1)));
    } catch (DateTimeParseException e) {
      throw new FeedFormatException(name + ":line 1: score_date '" + m.group(1) + "' is not a date");
    }
  }

  /** The gzip stream when the first two bytes are gzip's magic number, else the bytes as they are. */
  private static InputStream decompressed(InputStream source) throws IOException {
    BufferedInputStream in = new BufferedInputStream(source, 65536);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 65536) : in;
  }

  private static String shorten(String s) { return s.length() <= 80 ? s : s.substring(0, 80) + "..."; }
}
