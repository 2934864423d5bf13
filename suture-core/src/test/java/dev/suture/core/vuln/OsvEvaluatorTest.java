package dev.suture.core.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.vuln.OsvVerdict.Outcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsvEvaluatorTest {
  final OsvEvaluator evaluator = new OsvEvaluator();

  private OsvVerdict eval(String fixture, String ecosystem, String pkg, String version) {
    return evaluator.evaluate(OsvFixtures.record(fixture), ecosystem, pkg, version);
  }

  /** Each row: fixture, host ecosystem, package, installed version, outcome, deciding path, fixed version. */
  @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      // introduced 1.0.0, fixed 1.2.3 (SEMVER)
      "semver-introduced-fixed.json | npm | left-pad | 0.9.9       | NOT_AFFECTED | affected[0].ranges[0].events[0] | -",
      "semver-introduced-fixed.json | npm | left-pad | 1.0.0       | AFFECTED     | affected[0].ranges[0].events[0] | 1.2.3",
      "semver-introduced-fixed.json | npm | left-pad | 1.2.3-rc.1  | AFFECTED     | affected[0].ranges[0].events[0] | 1.2.3",
      "semver-introduced-fixed.json | npm | left-pad | 1.2.3       | NOT_AFFECTED | affected[0].ranges[0].events[1] | 1.2.3",
      "semver-introduced-fixed.json | npm | left-pad | 1.10.0      | NOT_AFFECTED | affected[0].ranges[0].events[1] | 1.2.3",
      "semver-introduced-fixed.json | npm | right-pad | 1.0.0      | NOT_AFFECTED | ''                              | -",
      // introduced 2.0, last_affected 2.3.1 (PEP 440): last_affected itself is affected
      "last-affected.json | PyPI | demo-lib | 1.9     | NOT_AFFECTED | affected[0].ranges[0].events[0] | -",
      "last-affected.json | PyPI | demo-lib | 2.0     | AFFECTED     | affected[0].ranges[0].events[0] | -",
      "last-affected.json | PyPI | demo-lib | 2.3.1   | AFFECTED     | affected[0].ranges[0].events[0] | -",
      "last-affected.json | PyPI | demo-lib | 2.3.1.0 | AFFECTED     | affected[0].ranges[0].events[0] | -",
      "last-affected.json | PyPI | demo-lib | 2.3.2a1 | NOT_AFFECTED | affected[0].ranges[0].events[1] | -",
      // [0, limit 2.0) and [3.0, fixed 3.5) cut at limit 3.2 (Maven)
      "limit.json | Maven | org.example:demo | 1.9   | AFFECTED     | affected[0].ranges[0].events[0] | -",
      "limit.json | Maven | org.example:demo | 2.0   | NOT_AFFECTED | affected[0].ranges[0].events[1] | -",
      "limit.json | Maven | org.example:demo | 2.5   | NOT_AFFECTED | affected[0].ranges[0].events[1] | -",
      "limit.json | Maven | org.example:demo | 3.1   | AFFECTED     | affected[0].ranges[1].events[0] | 3.5",
      "limit.json | Maven | org.example:demo | 3.3   | NOT_AFFECTED | affected[0].ranges[0].events[1] | -",
      // a GIT range (ignored) and two SEMVER ranges, one with two windows
      "multiple-ranges.json | npm | demo | 0.9.0      | NOT_AFFECTED | affected[0].ranges[1].events[0] | -",
      "multiple-ranges.json | npm | demo | 1.4.1      | AFFECTED     | affected[0].ranges[1].events[0] | 1.4.2",
      "multiple-ranges.json | npm | demo | 1.4.2      | NOT_AFFECTED | affected[0].ranges[1].events[1] | 1.4.2",
      "multiple-ranges.json | npm | demo | 2.0.5      | AFFECTED     | affected[0].ranges[2].events[0] | 2.1.0",
      "multiple-ranges.json | npm | demo | 2.5.0      | NOT_AFFECTED | affected[0].ranges[1].events[1] | 1.4.2",
      "multiple-ranges.json | npm | demo | 3.0.0-rc.2 | AFFECTED     | affected[0].ranges[2].events[2] | 3.0.1",
      "multiple-ranges.json | npm | demo | 3.0.1      | NOT_AFFECTED | affected[0].ranges[1].events[1] | 1.4.2",
      // versions list only: exact string membership, valid in the scheme or not
      "versions-only.json | PyPI | old-lib | 1.0        | AFFECTED     | affected[0].versions[1] | -",
      "versions-only.json | PyPI | old-lib | 1.1-legacy | AFFECTED     | affected[0].versions[3] | -",
      "versions-only.json | PyPI | old-lib | 1.0.0      | NOT_AFFECTED | affected[0]             | -",
      "versions-only.json | PyPI | old-lib | 2.0        | NOT_AFFECTED | affected[0]             | -",
      // introduced "0": everything before the fix, including epoch-less and tilde versions
      "introduced-zero.json | Debian:12 | openssl | 0.9.8-1            | AFFECTED     | affected[0].ranges[0].events[0] | 3.0.13-1~deb12u1",
      "introduced-zero.json | Debian:12 | openssl | 3.0.11-1~deb12u2   | AFFECTED     | affected[0].ranges[0].events[0] | 3.0.13-1~deb12u1",
      "introduced-zero.json | Debian:12 | openssl | 3.0.13-1~deb12u1   | NOT_AFFECTED | affected[0].ranges[0].events[1] | 3.0.13-1~deb12u1",
      "introduced-zero.json | Debian:12 | openssl | 3.0.13-1           | NOT_AFFECTED | affected[0].ranges[0].events[1] | 3.0.13-1~deb12u1",
      "introduced-zero.json | Debian:11 | openssl | 1.1.1w-0+deb11u1   | AFFECTED     | affected[0].ranges[0].events[0] | 3.0.13-1~deb12u1",
      "introduced-zero.json | Alpine:v3.20 | openssl | 3.0.11-r0       | NOT_AFFECTED | ''                              | -",
      // events listed out of order: sorted, they read [0, fixed r5) [r20, fixed r29) [1.37.0-r0, last_affected r3]
      "unsorted-events.json | Alpine:v3.20 | busybox | 1.36.1-r1  | AFFECTED     | affected[0].ranges[0].events[3] | 1.36.1-r5",
      "unsorted-events.json | Alpine:v3.20 | busybox | 1.36.1-r5  | NOT_AFFECTED | affected[0].ranges[0].events[2] | 1.36.1-r5",
      "unsorted-events.json | Alpine:v3.20 | busybox | 1.36.1-r10 | NOT_AFFECTED | affected[0].ranges[0].events[2] | 1.36.1-r5",
      "unsorted-events.json | Alpine:v3.20 | busybox | 1.36.1-r20 | AFFECTED     | affected[0].ranges[0].events[4] | 1.36.1-r29",
      "unsorted-events.json | Alpine:v3.20 | busybox | 1.36.1-r29 | NOT_AFFECTED | affected[0].ranges[0].events[0] | 1.36.1-r29",
      "unsorted-events.json | Alpine:v3.20 | busybox | 1.37.0-r0  | AFFECTED     | affected[0].ranges[0].events[1] | -",
      "unsorted-events.json | Alpine:v3.20 | busybox | 1.37.0-r3  | AFFECTED     | affected[0].ranges[0].events[1] | -",
      "unsorted-events.json | Alpine:v3.20 | busybox | 1.37.0-r4  | NOT_AFFECTED | affected[0].ranges[0].events[5] | -",
      "unsorted-events.json | Alpine:v3.19 | busybox | 1.36.1-r1  | NOT_AFFECTED | ''                              | -",
      "unsorted-events.json | Alpine       | busybox | 1.36.1-r1  | NOT_AFFECTED | ''                              | -",
      // one entry per Debian release: each host gets its own release's fix, no other
      "debian-releases.json | Debian:11 | curl | 7.74.0-1.3+deb11u11 | AFFECTED     | affected[0].ranges[0].events[0] | 7.74.0-1.3+deb11u12",
      "debian-releases.json | Debian:11 | curl | 7.74.0-1.3+deb11u12 | NOT_AFFECTED | affected[0].ranges[0].events[1] | 7.74.0-1.3+deb11u12",
      "debian-releases.json | Debian:11 | curl | 7.88.1-10+deb12u5   | NOT_AFFECTED | affected[0].ranges[0].events[1] | 7.74.0-1.3+deb11u12",
      "debian-releases.json | Debian:12 | curl | 7.74.0-1.3+deb11u12 | AFFECTED     | affected[1].ranges[0].events[0] | 7.88.1-10+deb12u6",
      "debian-releases.json | Debian:12 | curl | 7.88.1-10+deb12u6   | NOT_AFFECTED | affected[1].ranges[0].events[1] | 7.88.1-10+deb12u6",
      "debian-releases.json | Debian:10 | curl | 7.64.0-4+deb10u1    | NOT_AFFECTED | ''                              | -",
      "debian-releases.json | Debian    | curl | 7.64.0-4+deb10u1    | NOT_AFFECTED | ''                              | -",
      "debian-releases.json | Alpine:v3.20 | curl | 8.9.0-r0        | NOT_AFFECTED | ''                              | -",
  })
  void evaluatesAsTheSpecSays(String fixture, String ecosystem, String pkg, String version, Outcome outcome, String path,
      String fixed) {
    OsvVerdict v = eval(fixture, ecosystem, pkg, version);
    assertThat(v.outcome()).as(v.why()).isEqualTo(outcome);
    assertThat(v.path()).as(v.why()).isEqualTo(path);
    assertThat(v.fixed()).as(v.why()).isEqualTo(Optional.ofNullable(fixed));
    assertThat(v.recordId()).isEqualTo(OsvFixtures.record(fixture).id());
  }

  @Test
  void explainsWhyInWords() {
    assertThat(eval("semver-introduced-fixed.json", "npm", "left-pad", "1.1.0").why())
        .isEqualTo("1.1.0 is at or after introduced 1.0.0 and before fixed 1.2.3");
    assertThat(eval("last-affected.json", "PyPI", "demo-lib", "2.1").why())
        .isEqualTo("2.1 is at or after introduced 2.0 and at or before last_affected 2.3.1 (no fixed version named)");
    assertThat(eval("last-affected.json", "PyPI", "demo-lib", "2.4").why()).isEqualTo("2.4 is after last_affected 2.3.1");
    assertThat(eval("limit.json", "Maven", "org.example:demo", "1.0").why()).isEqualTo("1.0 is at or after introduced 0 and no fix is known");
    assertThat(eval("limit.json", "Maven", "org.example:demo", "2.0").why())
        .isEqualTo("2.0 is not before any limit of the range (lowest limit 2.0)");
    assertThat(eval("versions-only.json", "PyPI", "old-lib", "0.9").why()).isEqualTo("0.9 is listed in the advisory's versions");
    assertThat(eval("debian-releases.json", "Debian:10", "curl", "7.64.0-4").why()).isEqualTo("no affected entry for curl in Debian:10");
  }

  @Test
  void anAdvisoryWithoutAReleaseAppliesToEveryReleaseOfItsEcosystemOnly() {
    assertThat(OsvEvaluator.ecosystemApplies("Debian", "Debian:11")).isTrue();
    assertThat(OsvEvaluator.ecosystemApplies("Debian", "Debian:12")).isTrue();
    assertThat(OsvEvaluator.ecosystemApplies("Debian", "Debian")).isTrue();
    assertThat(OsvEvaluator.ecosystemApplies("Debian:12", "Debian:12")).isTrue();
    assertThat(OsvEvaluator.ecosystemApplies("Debian:12", "Debian:11")).isFalse();
    assertThat(OsvEvaluator.ecosystemApplies("Debian:12", "Debian")).isFalse();
    assertThat(OsvEvaluator.ecosystemApplies("Debian", "Alpine:v3.20")).isFalse();
    assertThat(OsvEvaluator.ecosystemApplies("Debian", "Ubuntu:22.04")).isFalse();
    assertThat(OsvEvaluator.ecosystemApplies("Alpine:v3.20", "Alpine:v3.2")).isFalse();
    assertThat(OsvEvaluator.ecosystemApplies("DebianX", "Debian:12")).isFalse();
  }

  @Test
  void aWithdrawnAdvisoryIsNeverApplied() {
    OsvVerdict v = eval("withdrawn.json", "npm", "left-pad", "1.0.0");
    assertThat(v.outcome()).isEqualTo(Outcome.NOT_AFFECTED);
    assertThat(v.path()).isEqualTo("withdrawn");
    assertThat(v.why()).isEqualTo("the advisory was withdrawn on 2024-05-10T00:00:00Z");
    // The same record without its withdrawal says affected: the withdrawal is what stops it.
    String live = OsvFixtures.text("withdrawn.json").replace("\"withdrawn\": \"2024-05-10T00:00:00Z\",", "");
    assertThat(evaluator.evaluate(OsvRecord.parse(live), "npm", "left-pad", "1.0.0").affected()).isTrue();
  }

  @Test
  void anEcosystemWithoutASchemeOrAnInvalidInstalledVersionIsUndecidedNotSafe() {
    OsvRecord go = OsvRecord.parse("{\"id\":\"GO-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"Go\",\"name\":\"example.org/m\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}]}]}");
    OsvVerdict v = evaluator.evaluate(go, "Go", "example.org/m", "1.0.0");
    assertThat(v.outcome()).isEqualTo(Outcome.UNDECIDED);
    assertThat(v.why()).isEqualTo("Suture has no version scheme for ecosystem Go");

    OsvVerdict bad = eval("introduced-zero.json", "Debian:12", "openssl", "not a version");
    assertThat(bad.outcome()).isEqualTo(Outcome.UNDECIDED);
    assertThat(bad.path()).isEqualTo("affected[0].ranges[0]");
    assertThat(bad.why()).isEqualTo("installed version 'not a version' is not a valid dpkg version");
  }

  @Test
  void gitRangesAreNotEvaluated() {
    OsvRecord git = OsvRecord.parse("{\"id\":\"OSV-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"GIT\",\"repo\":\"https://example.org/p\","
        + "\"events\":[{\"introduced\":\"0\"}]}]}]}");
    OsvVerdict v = evaluator.evaluate(git, "npm", "p", "1.0.0");
    assertThat(v.outcome()).isEqualTo(Outcome.NOT_AFFECTED);
    assertThat(v.why()).isEqualTo("1.0.0 is not listed in the advisory's versions and the entry has only GIT ranges");
  }

  @Test
  void introducedAndFixedAtTheSameVersionIsAnEmptyWindowInEitherOrder() {
    for (String events : new String[] {"{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.0.0\"}", "{\"fixed\":\"1.0.0\"},{\"introduced\":\"1.0.0\"}"}) {
      OsvRecord r = OsvRecord.parse("{\"id\":\"OSV-2\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
          + "{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[" + events + "]}]}]}");
      assertThat(evaluator.evaluate(r, "npm", "p", "1.0.0").affected()).as(events).isFalse();
      assertThat(evaluator.evaluate(r, "npm", "p", "1.0.1").affected()).as(events).isFalse();
    }
  }
}
