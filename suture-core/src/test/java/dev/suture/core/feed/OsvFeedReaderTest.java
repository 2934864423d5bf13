package dev.suture.core.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.vuln.Advisory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvFeedReaderTest {
  private static final List<String> GOOD = List.of("ALPINE-CVE-2023-5678.json", "DEBIAN-CVE-2024-2961.json",
      "DSA-5678-1.json", "GHSA-h5c8-rqwp-cp95.json");
  private static final List<String> BAD = List.of("bad-event.json", "bad-json.json", "missing-modified.json");

  private final OsvFeedReader reader = new OsvFeedReader();

  @Test
  void aDirectoryIsReadInPathOrderAndEachMalformedRecordIsReportedWithItsFileAndId() throws IOException {
    Path dir = FeedFixtures.path("osv");
    Recorder<Advisory> sink = new Recorder<>();

    FeedSummary summary = reader.read(dir, sink);

    assertThat(summary).isEqualTo(new FeedSummary(4, 3));
    assertThat(sink.items).extracting(Advisory::id)
        .containsExactly("ALPINE-CVE-2023-5678", "DEBIAN-CVE-2024-2961", "DSA-5678-1", "GHSA-h5c8-rqwp-cp95");
    assertThat(sink.problems).extracting(FeedProblem::file)
        .containsExactly(dir.resolve("bad-event.json").toString(), dir.resolve("bad-json.json").toString(),
            dir.resolve("missing-modified.json").toString());
    assertThat(sink.problems).extracting(FeedProblem::recordId)
        .containsExactly(Optional.of("DEBIAN-CVE-demo-badevent"), Optional.of("GHSA-demo-badjson"), Optional.of("PYSEC-demo-nomod"));
    assertThat(sink.problems.get(0).message()).contains("affected[0].ranges[0].events[1]").contains("'fixd'");
    assertThat(sink.problems.get(1).message()).contains("invalid JSON");
    assertThat(sink.problems.get(2).message()).contains("at modified").contains("is required");

    long size = 0;
    for (String f : GOOD) size += Files.size(dir.resolve(f));
    for (String f : BAD) size += Files.size(dir.resolve(f));
    assertThat(sink.progress).containsExactly(new FeedProgress(4, 3, size, size));
  }

  @Test
  void anAdvisoryCarriesSummaryPublishedSeverityAndTheDocumentAsPublished() throws IOException {
    Recorder<Advisory> sink = new Recorder<>();
    reader.readFile(FeedFixtures.path("osv/GHSA-h5c8-rqwp-cp95.json"), sink);

    Advisory a = sink.items.get(0);
    assertThat(a.summary()).isEqualTo("Jinja vulnerable to HTML attribute injection when passing user input as keys to xmlattr filter");
    assertThat(a.published()).contains(Instant.parse("2023-12-21T19:12:40Z"));
    assertThat(a.modified()).isEqualTo(Instant.parse("2024-06-07T15:43:08Z"));
    assertThat(a.severities()).containsExactly(new Advisory.Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N"));
    assertThat(a.names()).containsExactly("GHSA-h5c8-rqwp-cp95", "CVE-2024-22195", "PYSEC-2024-6");
    assertThat(a.osv().affected().get(0).pkg().orElseThrow().ecosystem()).isEqualTo("PyPI");
    assertThat(a.json()).isEqualTo(new String(FeedFixtures.bytes("osv/GHSA-h5c8-rqwp-cp95.json"), UTF_8));
  }

  @Test
  void withoutASummaryTheFirstLineOfTheDetailsStandsInCutTo200Characters() throws IOException {
    Recorder<Advisory> sink = new Recorder<>();
    reader.readDirectory(FeedFixtures.path("osv"), sink);

    Advisory debian = sink.items.get(1);
    assertThat(debian.id()).isEqualTo("DEBIAN-CVE-2024-2961");
    assertThat(debian.summary()).hasSize(200).startsWith("The iconv() function in the GNU C Library")
        .doesNotContain("\n").doesNotContain("Second line");
    assertThat(debian.published()).contains(Instant.parse("2024-04-17T18:15:15Z"));
    assertThat(debian.severities()).isEmpty();
    Advisory alpine = sink.items.get(0);
    assertThat(alpine.summary()).isEqualTo("Issue summary: Generating excessively long X9.42 DH keys or checking "
        + "excessively long X9.42 DH keys or parameters may be very slow.");
    assertThat(alpine.osv().affected().get(0).pkg().orElseThrow().ecosystem()).isEqualTo("Alpine:v3.20");
    assertThat(sink.items.get(2).summary()).isEqualTo("glibc - security update");
  }

  @Test
  void aZipIsReadEntryByEntrySkippingNonJsonEntriesAndReportingBadOnesAsFileBangEntry() throws IOException {
    FeedFixtures.Zip zip = new FeedFixtures.Zip();
    for (String f : GOOD) zip.addOsv(f);
    zip.add("README.md", "not an advisory".getBytes(UTF_8)).dir("extra/");
    for (String f : BAD) zip.addOsv(f);
    zip.add("extra/no-id.json", "{\"modified\":\"2024-01-01T00:00:00Z\"}".getBytes(UTF_8));
    zip.add("extra/latin1.json", "{\"id\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    zip.add("extra/not-an-object.json", "[1, 2]".getBytes(UTF_8));
    zip.add("extra/bad-severity.json", ("{\"id\":\"SEV-1\",\"modified\":\"2024-01-01T00:00:00Z\","
        + "\"severity\":[{\"type\":\"CVSS_V3\"}]}").getBytes(UTF_8));
    zip.add("extra/bad-published.json", ("{\"id\":\"PUB-1\",\"modified\":\"2024-01-01T00:00:00Z\","
        + "\"published\":\"yesterday\"}").getBytes(UTF_8));
    zip.add("extra/DSA-5678-1.json", FeedFixtures.bytes("osv/DSA-5678-1.json"));
    byte[] bytes = zip.finish();
    Recorder<Advisory> sink = new Recorder<>();

    FeedSummary summary = reader.readZip(new ByteArrayInputStream(bytes), "osv-all.zip", bytes.length, sink);

    assertThat(summary).isEqualTo(new FeedSummary(5, 8));
    assertThat(sink.items).extracting(Advisory::id)
        .containsExactly("ALPINE-CVE-2023-5678", "DEBIAN-CVE-2024-2961", "DSA-5678-1", "GHSA-h5c8-rqwp-cp95", "DSA-5678-1");
    assertThat(sink.problems).extracting(p -> p.file() + " " + p.recordId().orElse("-")).containsExactly(
        "osv-all.zip!bad-event.json DEBIAN-CVE-demo-badevent",
        "osv-all.zip!bad-json.json GHSA-demo-badjson",
        "osv-all.zip!missing-modified.json PYSEC-demo-nomod",
        "osv-all.zip!extra/no-id.json -",
        "osv-all.zip!extra/latin1.json -",
        "osv-all.zip!extra/not-an-object.json -",
        "osv-all.zip!extra/bad-severity.json SEV-1",
        "osv-all.zip!extra/bad-published.json PUB-1");
    assertThat(sink.problems.get(3).message()).contains("at id");
    assertThat(sink.problems.get(4).message()).isEqualTo("not valid UTF-8");
    assertThat(sink.problems.get(5).message()).contains("not an object");
    assertThat(sink.problems.get(6).message()).contains("severity[0].score");
    assertThat(sink.problems.get(7).message()).contains("published").contains("'yesterday'");
    assertThat(sink.last()).isEqualTo(new FeedProgress(5, 8, bytes.length, bytes.length));
  }

  @Test
  void anOversizedEntryIsSkippedWithItsIdWhetherItsSizeIsDeclaredOrNot() throws IOException {
    byte[] big = padded("BIG-1", 5000);
    byte[] bytes = new FeedFixtures.Zip().add("stored-big.json", big, true).addOsv("DSA-5678-1.json")
        .add("deflated-big.json", big, false).addOsv("GHSA-h5c8-rqwp-cp95.json").finish();
    Recorder<Advisory> sink = new Recorder<>();

    FeedSummary summary = new OsvFeedReader(4096).readZip(new ByteArrayInputStream(bytes), "f.zip", -1, sink);

    assertThat(summary).isEqualTo(new FeedSummary(2, 2));
    assertThat(sink.items).extracting(Advisory::id).containsExactly("DSA-5678-1", "GHSA-h5c8-rqwp-cp95");
    assertThat(sink.problems).extracting(FeedProblem::file).containsExactly("f.zip!stored-big.json", "f.zip!deflated-big.json");
    assertThat(sink.problems).allSatisfy(p -> {
      assertThat(p.recordId()).contains("BIG-1");
      assertThat(p.message()).contains("4096-byte limit");
    });
    assertThat(sink.last().totalBytes()).isEqualTo(-1);
  }

  @Test
  void theDefaultLimitIsEightMebibytes() throws IOException {
    byte[] justUnder = padded("OK-1", OsvFeedReader.DEFAULT_MAX_ENTRY_BYTES);
    byte[] justOver = padded("BIG-2", OsvFeedReader.DEFAULT_MAX_ENTRY_BYTES + 1);
    byte[] bytes = new FeedFixtures.Zip().add("ok.json", justUnder).add("big.json", justOver).finish();
    Recorder<Advisory> sink = new Recorder<>();

    reader.readZip(new ByteArrayInputStream(bytes), "f.zip", bytes.length, sink);

    assertThat(sink.items).extracting(Advisory::id).containsExactly("OK-1");
    assertThat(sink.problems).extracting(FeedProblem::recordId).containsExactly(Optional.of("BIG-2"));
  }

  @Test
  void aZipCutInsideAnEntryIsAnError() {
    byte[] whole = new FeedFixtures.Zip().addOsv("DSA-5678-1.json").addOsv("GHSA-h5c8-rqwp-cp95.json").finish();
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(() -> reader.readZip(new ByteArrayInputStream(cut), "osv-all.zip", -1, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("osv-all.zip: ")
        .hasMessageContaining("truncated");
  }

  @Test
  void aZipCutBetweenTwoEntriesIsAnErrorNotAShorterFeed() {
    FeedFixtures.Zip zip = new FeedFixtures.Zip().addOsv("DSA-5678-1.json").addOsv("GHSA-h5c8-rqwp-cp95.json");
    byte[] cut = zip.entriesOnly();
    Recorder<Advisory> sink = new Recorder<>();

    assertThatThrownBy(() -> reader.readZip(new ByteArrayInputStream(cut), "osv-all.zip", -1, sink))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("osv-all.zip").hasMessageContaining("2 entries").hasMessageContaining("end-of-central-directory");
    assertThat(sink.items).hasSize(2);
  }

  @Test
  void aDamagedEntryHeaderIsAnErrorEvenThoughTheZipEndIsThere() {
    byte[] bytes = new FeedFixtures.Zip().add("a.json", FeedFixtures.bytes("osv/DSA-5678-1.json"), true)
        .add("b.json", FeedFixtures.bytes("osv/GHSA-h5c8-rqwp-cp95.json"), true)
        .add("c.json", FeedFixtures.bytes("osv/ALPINE-CVE-2023-5678.json"), true).finish();
    int second = indexOf(bytes, new byte[] {'P', 'K', 3, 4}, 4);
    bytes[second + 3] = 9;
    byte[] damaged = bytes;

    assertThatThrownBy(() -> reader.readZip(new ByteArrayInputStream(damaged), "osv-all.zip", -1, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("lists 3 entries but 1 could be read");
  }

  @Test
  void somethingThatIsNotAZipIsAnError() {
    byte[] html = "<html><body>503 Service Unavailable</body></html>".getBytes(UTF_8);

    assertThatThrownBy(() -> reader.readZip(new ByteArrayInputStream(html), "https://example.org/all.zip", -1, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("https://example.org/all.zip").hasMessageContaining("not a zip");
  }

  @Test
  void anEntryNameThatIsNotUtf8IsAnErrorNotAnUncheckedSurprise() {
    // A name in ISO-8859-1 without the UTF-8 flag, as an old archiver might write it.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("caf\u00e9.json"));
      zip.write("{}".getBytes(UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    byte[] bytes = out.toByteArray();

    assertThatThrownBy(() -> reader.readZip(new ByteArrayInputStream(bytes), "l.zip", -1, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessageContaining("l.zip: the entry after the start has a name that is not UTF-8");
  }

  @Test
  void anEmptyZipIsAnEmptyFeed() throws IOException {
    byte[] empty = new FeedFixtures.Zip().finish();
    Recorder<Advisory> sink = new Recorder<>();

    assertThat(reader.readZip(new ByteArrayInputStream(empty), "e.zip", empty.length, sink)).isEqualTo(new FeedSummary(0, 0));
    assertThat(sink.progress).containsExactly(new FeedProgress(0, 0, empty.length, empty.length));
  }

  @Test
  void aZipWithMoreThan65535EntriesIsCheckedAgainstItsZip64EndRecord() throws IOException {
    FeedFixtures.Zip zip = new FeedFixtures.Zip();
    for (int i = 0; i < 70_000; i++) zip.add("n/" + i + ".txt", new byte[0], true);
    zip.addOsv("DSA-5678-1.json");
    byte[] bytes = zip.finish();
    Recorder<Advisory> sink = new Recorder<>();

    assertThat(reader.readZip(new ByteArrayInputStream(bytes), "big.zip", bytes.length, sink)).isEqualTo(new FeedSummary(1, 0));
    // The same zip cut before its central directory must still be caught.
    byte[] cut = Arrays.copyOf(bytes, indexOf(bytes, new byte[] {'P', 'K', 1, 2}, 0));
    assertThatThrownBy(() -> reader.readZip(new ByteArrayInputStream(cut), "big.zip", -1, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessageContaining("70001 entries");
    // And a damaged header, found only through the entry count of the zip64 end record.
    byte[] damaged = bytes.clone();
    damaged[indexOf(damaged, new byte[] {'P', 'K', 3, 4}, 4) + 3] = 9;
    assertThatThrownBy(() -> reader.readZip(new ByteArrayInputStream(damaged), "big.zip", -1, new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessageContaining("lists 70001 entries but 1 could be read");
  }

  @Test
  void progressIsReportedEveryThousandRecordsAndAtTheEnd() throws IOException {
    FeedFixtures.Zip zip = new FeedFixtures.Zip();
    byte[] doc = FeedFixtures.bytes("osv/DSA-5678-1.json");
    for (int i = 0; i < 2500; i++) zip.add(i + ".json", doc);
    byte[] bytes = zip.finish();
    Recorder<Advisory> sink = new Recorder<>();

    reader.readZip(new ByteArrayInputStream(bytes), "p.zip", bytes.length, sink);

    assertThat(sink.progress).extracting(FeedProgress::records).containsExactly(1000L, 2000L, 2500L);
    assertThat(sink.progress.get(0).bytesRead()).isBetween(1L, (long) bytes.length / 2);
    assertThat(sink.last().fraction()).isEqualTo(1.0);
  }

  @Test
  void aPathIsReadAsAZipByItsFirstBytesAndOtherwiseAsOneDocument(@TempDir Path tmp) throws IOException {
    Path zip = tmp.resolve("download.bin");
    Files.write(zip, new FeedFixtures.Zip().addOsv("DSA-5678-1.json").addOsv("bad-json.json").finish());
    Recorder<Advisory> fromZip = new Recorder<>();
    assertThat(reader.read(zip, fromZip)).isEqualTo(new FeedSummary(1, 1));
    assertThat(fromZip.problems.get(0).file()).isEqualTo(zip + "!bad-json.json");

    Recorder<Advisory> fromFile = new Recorder<>();
    assertThat(reader.read(FeedFixtures.path("osv/bad-event.json"), fromFile)).isEqualTo(new FeedSummary(0, 1));
    assertThat(fromFile.problems.get(0).recordId()).contains("DEBIAN-CVE-demo-badevent");
  }

  @Test
  void aDocumentNestedTooDeeplyCostsOnlyItself() throws IOException {
    String deep = "{\"id\":\"DEEP-1\",\"x\":" + "[".repeat(2_000_000) + "]".repeat(2_000_000) + "}";
    byte[] bytes = new FeedFixtures.Zip().add("deep.json", deep.getBytes(UTF_8)).addOsv("DSA-5678-1.json").finish();
    Recorder<Advisory> sink = new Recorder<>();

    reader.readZip(new ByteArrayInputStream(bytes), "d.zip", -1, sink);

    assertThat(sink.items).extracting(Advisory::id).containsExactly("DSA-5678-1");
    assertThat(sink.problems).singleElement().satisfies(p -> {
      assertThat(p.recordId()).contains("DEEP-1");
      assertThat(p.message()).contains("nested too deeply");
    });
  }

  /** A valid OSV document of exactly {@code size} bytes. */
  private static byte[] padded(String id, int size) {
    String head = "{\"id\":\"" + id + "\",\"modified\":\"2024-01-01T00:00:00Z\",\"details\":\"";
    String tail = "\"}";
    return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(UTF_8);
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    throw new IllegalStateException("not found");
  }
}
