package dev.suture.core.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.vuln.EpssScore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class EpssFeedReaderTest {
  private static final LocalDate SCORE_DATE = LocalDate.of(2025, 3, 15);
  private static final LocalDate DEFAULT = LocalDate.of(2000, 1, 1);

  private final EpssFeedReader reader = new EpssFeedReader();

  @Test
  void readsAGzipFileDatedByItsCommentAndSkipsBadLinesNamingThem() throws IOException {
    Recorder<EpssScore> sink = new Recorder<>();

    FeedSummary summary = reader.read(FeedFixtures.path("epss-bad-lines.csv.gz"), DEFAULT, sink);

    assertThat(summary).isEqualTo(new FeedSummary(4, 5));
    assertFixture(sink, FeedFixtures.path("epss-bad-lines.csv.gz").toString());
  }

  @Test
  void plainCsvIsRecognisedByItsContentNotItsName() throws IOException {
    byte[] plain = gunzip(FeedFixtures.bytes("epss-bad-lines.csv.gz"));
    Recorder<EpssScore> sink = new Recorder<>();

    reader.read(new ByteArrayInputStream(plain), "epss.csv.gz", plain.length, DEFAULT, sink);

    assertFixture(sink, "epss.csv.gz");
    assertThat(sink.last()).isEqualTo(new FeedProgress(4, 5, plain.length, plain.length));
  }

  private static void assertFixture(Recorder<EpssScore> sink, String name) {
    assertThat(sink.items).containsExactly(
        new EpssScore("CVE-1999-0001", 0.01025, 0.76938, SCORE_DATE),
        new EpssScore("CVE-2021-44228", 0.94358, 0.99961, SCORE_DATE),
        new EpssScore("CVE-2024-0004", 0.00043, 0.1, SCORE_DATE),
        new EpssScore("CVE-2024-0006", 0.5, 0.5, SCORE_DATE));
    assertThat(sink.problems).containsExactly(
        new FeedProblem(name + ":line 5", Optional.of("CVE-2024-3400"), "3 columns (cve,epss,percentile) are required, found 4"),
        new FeedProblem(name + ":line 6", Optional.of("CVE-24-1"), "cve 'CVE-24-1' is not a CVE id (CVE-YYYY-NNNN)"),
        new FeedProblem(name + ":line 7", Optional.of("CVE-2024-0002"), "epss '1.5' is not a number within 0..1"),
        new FeedProblem(name + ":line 8", Optional.of("CVE-2024-0003"), "percentile 'NaN' is not a number within 0..1"),
        new FeedProblem(name + ":line 11", Optional.of("CVE-2024-0005"), "3 columns (cve,epss,percentile) are required, found 1"));
  }

  @Test
  void withoutTheCommentTheCallersDateIsUsed() throws IOException {
    Recorder<EpssScore> sink = new Recorder<>();
    reader.read(stream("cve,epss,percentile\nCVE-2022-0001,0.2,0.3\n"), "e.csv", -1, DEFAULT, sink);

    assertThat(sink.items).containsExactly(new EpssScore("CVE-2022-0001", 0.2, 0.3, DEFAULT));
    assertThat(sink.last().totalBytes()).isEqualTo(-1);
  }

  @Test
  void withoutTheCommentAndWithoutADefaultDateTheFileIsRefused() {
    assertThatThrownBy(() -> reader.read(stream("cve,epss,percentile\nCVE-2022-0001,0.2,0.3\n"), "e.csv", -1, null, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessage("e.csv: no score_date comment in the file and no default score date given");
  }

  @Test
  void aCommentWithABadScoreDateIsAnError() {
    assertThatThrownBy(() -> reader.read(stream("#model_version:v1,score_date:2025-02-30T00:00:00+0000\ncve,epss,percentile\n"),
        "e.csv", -1, DEFAULT, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessage("e.csv:line 1: score_date '2025-02-30' is not a date");
    assertThatThrownBy(() -> reader.read(stream("#score_date:yesterday\ncve,epss,percentile\n"), "e.csv", -1, DEFAULT, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessageContaining("e.csv:line 1: score_date in '#score_date:yesterday'");
  }

  @Test
  void aMissingOrUnknownHeaderIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> reader.read(stream("#model_version:v1,score_date:2025-03-15\ncve,epss\nCVE-2022-0001,0.2\n"),
        "e.csv", -1, DEFAULT, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessage("e.csv:line 2: the header must be 'cve,epss,percentile', found 'cve,epss'");
    assertThatThrownBy(() -> reader.read(stream("CVE-2022-0001,0.2,0.3\n"), "e.csv", -1, DEFAULT, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessageStartingWith("e.csv:line 1: the header must be");
    assertThatThrownBy(() -> reader.read(stream(""), "e.csv", -1, DEFAULT, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessage("e.csv: empty: the header 'cve,epss,percentile' is missing");
  }

  @Test
  void aLineLongerThanTheLimitIsAProblemAndTheNextLineIsStillRead() throws IOException {
    Recorder<EpssScore> sink = new Recorder<>();
    reader.read(stream("cve,epss,percentile\nCVE-2022-0001," + "1".repeat(100_000) + "\nCVE-2022-0002,0.1,0.2\n"),
        "e.csv", -1, DEFAULT, sink);

    assertThat(sink.items).extracting(EpssScore::cveId).containsExactly("CVE-2022-0002");
    assertThat(sink.problems).containsExactly(new FeedProblem("e.csv:line 2", Optional.empty(), "longer than 4096 characters"));
  }

  @Test
  void numbersThatJavaWouldParseButAreNoScoreAreRefused() throws IOException {
    Recorder<EpssScore> sink = new Recorder<>();
    reader.read(stream("cve,epss,percentile\nCVE-2022-0001,0x0.1p0,0.5\nCVE-2022-0002,0.5d,0.5\nCVE-2022-0003,-0.1,0.5\n"
        + "CVE-2022-0004,1e-5,1\n"), "e.csv", -1, DEFAULT, sink);

    assertThat(sink.problems).extracting(FeedProblem::file).containsExactly("e.csv:line 2", "e.csv:line 3", "e.csv:line 4");
    assertThat(sink.items).containsExactly(new EpssScore("CVE-2022-0004", 1e-5, 1, DEFAULT));
  }

  @Test
  void aTruncatedGzipStreamIsAnError() {
    byte[] gz = FeedFixtures.bytes("epss-bad-lines.csv.gz");
    byte[] cut = Arrays.copyOf(gz, gz.length - 12);

    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(cut), "epss.csv.gz", -1, DEFAULT, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessageStartingWith("epss.csv.gz: the gzip stream is truncated or corrupt");
  }

  @Test
  void threeHundredThousandRowsAreStreamedToTheEnd() throws IOException {
    int rows = 300_000;
    byte[] gz = generated(rows);
    Recorder<EpssScore> sink = new CountingOnly();

    FeedSummary summary = reader.read(new ByteArrayInputStream(gz), "epss_scores-2025-03-15.csv.gz", gz.length, DEFAULT, sink);

    // Every 97th row is broken on purpose.
    long bad = (rows + 96) / 97;
    assertThat(summary).isEqualTo(new FeedSummary(rows - bad, bad));
    assertThat(sink.progress).hasSize(rows / 1000 + 1);
    assertThat(sink.last()).isEqualTo(new FeedProgress(rows - bad, bad, gz.length, gz.length));
    // Streamed: the first thousand rows were handed over after only a small part of the file was read.
    assertThat(sink.progress.get(0).bytesRead()).isLessThan(gz.length / 10);
    assertThat(((CountingOnly) sink).lastCve).isEqualTo(String.format("CVE-2024-%07d", rows - 1));
    assertThat(((CountingOnly) sink).otherDates).isZero();
  }

  /** Keeps counts and progress, not the 300,000 rows. */
  private static final class CountingOnly extends Recorder<EpssScore> {
    String lastCve;
    long otherDates;

    @Override
    public void accept(EpssScore s) {
      if (!s.scoreDate().equals(SCORE_DATE)) otherDates++;
      lastCve = s.cveId();
    }

    @Override
    public void problem(FeedProblem p) {}
  }

  private static byte[] generated(int rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(out), UTF_8)) {
      w.write("#model_version:v2025.03.14,score_date:2025-03-15T00:00:00+0000\ncve,epss,percentile\n");
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < rows; i++) {
        String n = Integer.toString(i);
        line.setLength(0);
        line.append("CVE-2024-").append("0".repeat(7 - n.length())).append(n).append(',')
            .append(i % 97 == 0 ? "x" : Double.toString((i % 1000) / 1000.0)).append(',')
            .append(Double.toString((double) i / rows)).append('\n');
        w.write(line.toString());
      }
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  private static ByteArrayInputStream stream(String s) { return new ByteArrayInputStream(s.getBytes(UTF_8)); }

}
