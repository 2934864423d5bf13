package dev.suture.core.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.vuln.OsvRecord.Event;
import dev.suture.core.vuln.OsvRecord.EventKind;
import dev.suture.core.vuln.OsvRecord.RangeType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsvRecordTest {

  @Test
  void readsIdentityAliasesPackageAndRanges() {
    OsvRecord r = OsvFixtures.record("semver-introduced-fixed.json");
    assertThat(r.id()).isEqualTo("GHSA-demo-0001");
    assertThat(r.modified()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(r.aliases()).containsExactly("CVE-2024-0001");
    assertThat(r.isWithdrawn()).isFalse();
    assertThat(r.affected()).hasSize(1);
    OsvRecord.Affected a = r.affected().get(0);
    assertThat(a.pkg().orElseThrow()).isEqualTo(new OsvRecord.Package("npm", "left-pad", java.util.Optional.of("pkg:npm/left-pad")));
    assertThat(a.ranges().get(0).type()).isEqualTo(RangeType.SEMVER);
    assertThat(a.ranges().get(0).events())
        .containsExactly(new Event(EventKind.INTRODUCED, "1.0.0"), new Event(EventKind.FIXED, "1.2.3"));
    assertThat(a.versions()).isEmpty();
  }

  @Test
  void readsOffsetsTimestampsWithdrawalGitRangesAndVersionLists() {
    assertThat(OsvFixtures.record("last-affected.json").modified()).isEqualTo(Instant.parse("2024-05-01T22:00:00Z"));
    assertThat(OsvFixtures.record("withdrawn.json").withdrawn()).contains(Instant.parse("2024-05-10T00:00:00Z"));
    OsvRecord.Range git = OsvFixtures.record("multiple-ranges.json").affected().get(0).ranges().get(0);
    assertThat(git.type()).isEqualTo(RangeType.GIT);
    assertThat(git.repo()).contains("https://example.org/demo.git");
    assertThat(OsvFixtures.record("versions-only.json").affected().get(0).versions())
        .containsExactly("0.9", "1.0", "1.0.post1", "1.1-legacy");
  }

  @Test
  void everyFixtureThatShouldParseParses() {
    for (String f : List.of("semver-introduced-fixed.json", "last-affected.json", "limit.json", "multiple-ranges.json",
        "versions-only.json", "introduced-zero.json", "unsorted-events.json", "debian-releases.json", "withdrawn.json")) {
      assertThat(OsvFixtures.record(f).id()).as(f).isNotBlank();
    }
  }

  @Test
  void anEventWithTwoKindsNamesTheRecordAndTheEvent() {
    assertThatThrownBy(() -> OsvFixtures.record("malformed-event.json"))
        .isInstanceOfSatisfying(OsvFormatException.class, e -> {
          assertThat(e.recordId()).isEqualTo("GHSA-demo-bad1");
          assertThat(e.path()).isEqualTo("affected[0].ranges[1].events[2]");
        })
        .hasMessageContaining("GHSA-demo-bad1").hasMessageContaining("affected[0].ranges[1].events[2]")
        .hasMessageContaining("exactly one of");
  }

  @Test
  void aVersionTheEcosystemsSchemeRejectsIsMalformedWithTheSchemesReason() {
    assertThatThrownBy(() -> OsvFixtures.record("malformed-version.json"))
        .isInstanceOfSatisfying(OsvFormatException.class, e -> {
          assertThat(e.recordId()).isEqualTo("DSA-demo-bad2");
          assertThat(e.path()).isEqualTo("affected[0].ranges[0].events[1].fixed");
        })
        .hasMessageContaining("'1.0 beta' is not a valid dpkg version");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      // document | expected path | expected text
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"1.0.0\"},{\"fixed\":\"2.0\"}]}]}]}"
          + "|affected[0].ranges[0].events[1].fixed|not a valid semver version",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"RANGE\",\"events\":[{\"introduced\":\"0\"}]}]}]}"
          + "|affected[0].ranges[0].type|not one of SEMVER, ECOSYSTEM, GIT",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"fixed\":\"1.0.0\"}]}]}]}"
          + "|affected[0].ranges[0].events|needs an introduced event",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[]}]}]}"
          + "|affected[0].ranges[0].events|at least one event",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"removed\":\"1.0.0\"}]}]}]}"
          + "|affected[0].ranges[0].events[1]|'removed' is not one of",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":1}]}]}]}"
          + "|affected[0].ranges[0].events[0].introduced|a string is required, found a number",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"GIT\",\"events\":[{\"introduced\":\"0\"}]}]}]}"
          + "|affected[0].ranges[0].repo|needs its repo",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"}},{\"package\":{\"name\":\"q\"}}]}"
          + "|affected[1].package.ecosystem|is required",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"versions\":[\"1.0.0\",null]}]}"
          + "|affected[0].versions[1]|a string is required, found null",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":{}}|affected|an array is required, found an object",
      "{\"id\":\"X-1\",\"modified\":\"yesterday\"}|modified|'yesterday' is not an RFC 3339 timestamp",
      "{\"id\":\"X-1\"}|modified|is required",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"withdrawn\":true}|withdrawn|a string is required, found a boolean",
      "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"aliases\":[\"CVE-1\",7]}|aliases[1]|a string is required",
  })
  void malformedRecordsNameTheIdAndTheJsonPath(String json, String path, String text) {
    assertThatThrownBy(() -> OsvRecord.parse(json))
        .isInstanceOfSatisfying(OsvFormatException.class, e -> {
          assertThat(e.recordId()).isEqualTo("X-1");
          assertThat(e.path()).isEqualTo(path);
        })
        .hasMessageStartingWith("OSV record X-1 at " + path + ": ")
        .hasMessageContaining(text);
  }

  @Test
  void withoutAReadableIdTheErrorSaysSo() {
    assertThatThrownBy(() -> OsvRecord.parse("{\"modified\":\"2024-01-01T00:00:00Z\"}"))
        .isInstanceOfSatisfying(OsvFormatException.class, e -> {
          assertThat(e.recordId()).isNull();
          assertThat(e.path()).isEqualTo("id");
        })
        .hasMessage("OSV record (id unknown) at id: a non-empty string is required");
    assertThatThrownBy(() -> OsvRecord.parse("{\"id\": \"X-2\", "))
        .isInstanceOf(OsvFormatException.class).hasMessageContaining("invalid JSON");
    assertThatThrownBy(() -> OsvRecord.parse("[1]"))
        .isInstanceOf(OsvFormatException.class).hasMessageContaining("not a JSON object");
  }
}
