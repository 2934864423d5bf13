package dev.suture.core.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.vuln.KevEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KevFeedReaderTest {
  private final KevFeedReader reader = new KevFeedReader();

  @Test
  void readsTheCatalogAndSkipsEachBadEntryNamingItsIndexAndId() throws IOException {
    Path file = FeedFixtures.path("kev.json");
    Recorder<KevEntry> sink = new Recorder<>();

    FeedSummary summary = reader.read(file, sink);

    assertThat(summary).isEqualTo(new FeedSummary(3, 3));
    assertThat(sink.items).containsExactly(
        new KevEntry("CVE-2021-44228", "Apache", "Log4j2", "Apache Log4j2 Remote Code Execution Vulnerability",
            LocalDate.of(2021, 12, 10), Optional.of(LocalDate.of(2021, 12, 24)), true),
        new KevEntry("CVE-2024-3400", "Palo Alto Networks", "PAN-OS", "Palo Alto Networks PAN-OS Command Injection Vulnerability",
            LocalDate.of(2024, 4, 12), Optional.of(LocalDate.of(2024, 4, 19)), false),
        new KevEntry("CVE-2023-4966", "Citrix", "NetScaler ADC and NetScaler Gateway",
            "Citrix NetScaler ADC and NetScaler Gateway Buffer Overflow Vulnerability",
            LocalDate.of(2023, 10, 18), Optional.of(LocalDate.of(2023, 11, 8)), true));
    assertThat(sink.problems).containsExactly(
        new FeedProblem(file + ":vulnerabilities[2]", Optional.of("CVE-2024-0001"), "dateAdded '2024-13-01' is not a date (yyyy-MM-dd)"),
        new FeedProblem(file + ":vulnerabilities[3]", Optional.of("CVE-24-1"), "cveID 'CVE-24-1' is not a CVE id (CVE-YYYY-NNNN)"),
        new FeedProblem(file + ":vulnerabilities[4]", Optional.empty(), "cveID is required"));
    assertThat(sink.progress).singleElement().satisfies(p -> {
      assertThat(p.records()).isEqualTo(3);
      assertThat(p.problems()).isEqualTo(3);
      assertThat(p.bytesRead()).isEqualTo(p.totalBytes()).isEqualTo(FeedFixtures.bytes("kev.json").length);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"cveID\":\"CVE-2024-1000\",\"dateAdded\":\"2024-01-01\",\"knownRansomwareCampaignUse\":\"Maybe\"}|knownRansomwareCampaignUse 'Maybe' is not Known or Unknown",
      "{\"cveID\":\"CVE-2024-1000\",\"dateAdded\":\"2024-01-01\",\"dueDate\":\"soon\"}|dueDate 'soon' is not a date (yyyy-MM-dd)",
      "{\"cveID\":\"CVE-2024-1000\"}|dateAdded is required",
      "{\"cveID\":\"CVE-2024-1000\",\"dateAdded\":\"2024-01-01\",\"product\":7}|product must be a string",
      "\"CVE-2024-1000\"|an object is required"})
  void aBadEntryIsAProblemNamingTheField(String entryAndMessage) throws IOException {
    String[] parts = entryAndMessage.split("\\|");
    Recorder<KevEntry> sink = new Recorder<>();

    reader.read(stream("{\"vulnerabilities\":[" + parts[0] + "]}"), "kev", sink);

    assertThat(sink.items).isEmpty();
    assertThat(sink.problems).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("kev:vulnerabilities[0]");
      assertThat(p.message()).isEqualTo(parts[1]);
    });
  }

  @Test
  void anEntryWithoutDueDateOrRansomwareFlagIsKept() throws IOException {
    Recorder<KevEntry> sink = new Recorder<>();
    reader.read(stream("{\"vulnerabilities\":[{\"cveID\":\"CVE-2024-12345\",\"dateAdded\":\"2024-01-01\",\"dueDate\":\"\"}]}"), "kev", sink);

    assertThat(sink.items).containsExactly(new KevEntry("CVE-2024-12345", "", "", "", LocalDate.of(2024, 1, 1), Optional.empty(), false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"title\":\"x\"}", "[1, 2]", "{\"vulnerabilities\": {}}"})
  void aDocumentWithoutAVulnerabilitiesArrayIsNotACatalog(String json) {
    assertThatThrownBy(() -> reader.read(stream(json), "kev.json", new Recorder<>()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("kev.json: not a KEV catalog: a JSON object with a 'vulnerabilities' array is required");
  }

  @Test
  void brokenJsonIsAnErrorNamingTheFile() {
    assertThatThrownBy(() -> reader.read(stream("{\"vulnerabilities\":[{\"cveID\":"), "kev.json", new Recorder<>()))
        .isInstanceOf(FeedFormatException.class).hasMessageStartingWith("kev.json: not a JSON document: invalid JSON");
  }

  @Test
  void aCatalogOverTheSizeLimitIsRefusedBeforeParsing() {
    byte[] catalog = FeedFixtures.bytes("kev.json");
    Recorder<KevEntry> sink = new Recorder<>();

    assertThatThrownBy(() -> new KevFeedReader(catalog.length - 1).read(new ByteArrayInputStream(catalog), "kev.json", sink))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("kev.json: larger than the " + (catalog.length - 1) + "-byte limit for a KEV catalog");
    assertThat(sink.items).isEmpty();
    assertThat(KevFeedReader.DEFAULT_MAX_BYTES).isEqualTo(64 << 20);
  }

  private static ByteArrayInputStream stream(String s) { return new ByteArrayInputStream(s.getBytes(UTF_8)); }
}
