package dev.suture.core.propose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import dev.suture.core.model.Names;
import dev.suture.core.model.Priority;
import dev.suture.core.risk.RiskScore;
import dev.suture.core.vuln.FindingViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProposalGrouperTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final Map<String, Asset> ASSETS = Map.of(
      "web-1", asset("web-1", "production"), "web-2", asset("web-2", "production"),
      "stg-1", asset("stg-1", "staging"));

  static Asset asset(String name, String env) { return new Asset(name, env, "", List.of(), Map.of(), Criticality.MEDIUM); }

  static FindingViews.Scored scored(String asset, String advisory, String pkg, String eco, String fixed, FindingState state,
                                    List<String> aliases, Priority priority, Instant due) {
    Finding f = Finding.open(new FindingKey(asset, advisory, pkg), eco, "0.1", Optional.ofNullable(fixed), T0);
    if (state != FindingState.OPEN) f = f.withState(state, Optional.empty(), Optional.empty());
    Optional<RiskScore> risk = priority == null ? Optional.empty()
        : Optional.of(new RiskScore(50, priority, due, List.of(), "test"));
    return new FindingViews.Scored(f, "", aliases, risk, false, Optional.empty());
  }

  static FindingViews.Scored open(String asset, String advisory, String pkg, String fixed) {
    return scored(asset, advisory, pkg, "Debian:12", fixed, FindingState.OPEN, List.of(), Priority.ROUTINE, T0.plusSeconds(86400 * 30));
  }

  @Test void theHighestFixedVersionInTheEcosystemsOrderWinsAndTheProposalClosesEveryFinding() {
    // Lexically "3.0.9" > "3.0.15-1" and "1:1.0" < "3.0...": only dpkg order gives the right answer (the epoch wins).
    List<Proposal> ps = ProposalGrouper.group(List.of(
        open("web-1", "DSA-1", "openssl", "3.0.9-1"),
        open("web-1", "DSA-2", "openssl", "1:1.0-1"),
        open("web-2", "DSA-3", "openssl", "3.0.15-1~deb12u1")), ASSETS);
    assertThat(ps).singleElement().satisfies(p -> {
      assertThat(p.fixedVersion()).isEqualTo("1:1.0-1");
      assertThat(p.assets()).containsExactly("web-1", "web-2");
      assertThat(p.advisoryIds()).containsExactly("DSA-1", "DSA-2", "DSA-3");
      assertThat(p.findings()).extracting(FindingKey::advisoryId).containsExactly("DSA-1", "DSA-2", "DSA-3");
      assertThat(p.environment()).isEqualTo("production");
      assertThat(p.id()).isEqualTo("openssl-1-1.0-1-production");
    });
    List<Proposal> noEpoch = ProposalGrouper.group(List.of(
        open("web-1", "DSA-1", "openssl", "3.0.9-1"), open("web-2", "DSA-3", "openssl", "3.0.15-1~deb12u1")), ASSETS);
    assertThat(noEpoch).singleElement().extracting(Proposal::fixedVersion).isEqualTo("3.0.15-1~deb12u1");
  }

  @Test void environmentsPackagesAndEcosystemsAreKeptApart() {
    List<Proposal> ps = ProposalGrouper.group(List.of(
        open("web-1", "DSA-1", "openssl", "3.0.15-1"),
        open("stg-1", "DSA-1", "openssl", "3.0.15-1"),
        open("web-1", "DSA-9", "curl", "7.88.1-10"),
        scored("web-2", "ALPINE-1", "openssl", "Alpine:v3.20", "3.3.2-r0", FindingState.OPEN, List.of(), Priority.ROUTINE, T0)),
        ASSETS);
    assertThat(ps).extracting(p -> p.packageName() + "@" + p.environment() + "@" + p.ecosystem())
        .containsExactlyInAnyOrder("openssl@production@Debian:12", "openssl@staging@Debian:12", "curl@production@Debian:12",
            "openssl@production@Alpine:v3.20");
    assertThat(ps).filteredOn(p -> p.environment().equals("staging")).singleElement()
        .satisfies(p -> assertThat(p.assets()).containsExactly("stg-1"));
    assertThat(ps).extracting(Proposal::id).doesNotHaveDuplicates();
  }

  @Test void onlyOpenFindingsWithAFixOnAKnownAssetAreProposed() {
    List<FindingViews.Scored> in = new ArrayList<>();
    for (FindingState s : FindingState.values()) {
      if (s == FindingState.OPEN || s == FindingState.ACCEPTED_RISK) continue; // accepted risk needs an exception
      in.add(scored("web-1", "DSA-" + s, "openssl", "Debian:12", "9.0-1", s, List.of(), Priority.HIGH, T0));
    }
    in.add(open("web-2", "DSA-OPEN", "openssl", "3.0-1"));
    in.add(open("web-2", "DSA-NOFIX", "openssl", null));
    in.add(open("ghost", "DSA-GHOST", "openssl", "9.9-1"));
    List<Proposal> ps = ProposalGrouper.group(in, ASSETS);
    assertThat(ps).singleElement().satisfies(p -> {
      // PATCH_PLANNED's 9.0-1 must not raise the version: that finding already has its patch.
      assertThat(p.fixedVersion()).isEqualTo("3.0-1");
      assertThat(p.advisoryIds()).containsExactly("DSA-OPEN");
      assertThat(p.assets()).containsExactly("web-2");
    });
    assertThat(ProposalGrouper.group(List.of(
        scored("web-1", "DSA-P", "openssl", "Debian:12", "9.0-1", FindingState.PATCH_PLANNED, List.of(), Priority.HIGH, T0)), ASSETS))
        .isEmpty();
  }

  @Test void cvesComeFromIdsAndAliasesAndTheMostUrgentPriorityAndEarliestDueWin() {
    Instant soon = T0.plusSeconds(3600);
    List<Proposal> ps = ProposalGrouper.group(List.of(
        scored("web-1", "CVE-2024-1", "openssl", "Debian:12", "3.0-1", FindingState.OPEN, List.of("GHSA-x"), Priority.ROUTINE, T0.plusSeconds(999_999)),
        scored("web-2", "DSA-2", "openssl", "Debian:12", "3.0-1", FindingState.OPEN, List.of("CVE-2024-2", "CVE-2024-1"), Priority.HIGH, soon),
        scored("web-2", "DSA-3", "openssl", "Debian:12", "3.0-1", FindingState.OPEN, List.of(), Priority.EMERGENCY, T0.plusSeconds(7200)),
        scored("web-1", "DSA-4", "openssl", "Debian:12", "3.0-1", FindingState.OPEN, List.of(), null, null)), ASSETS);
    assertThat(ps).singleElement().satisfies(p -> {
      assertThat(p.cves()).containsExactly("CVE-2024-1", "CVE-2024-2");
      assertThat(p.priority()).isEqualTo(Priority.EMERGENCY);
      assertThat(p.due()).contains(soon);
    });
    List<Proposal> unscored = ProposalGrouper.group(List.of(
        scored("web-1", "DSA-4", "openssl", "Debian:12", "3.0-1", FindingState.OPEN, List.of(), null, null)), ASSETS);
    assertThat(unscored).singleElement().satisfies(p -> {
      assertThat(p.priority()).isEqualTo(Priority.ROUTINE);
      assertThat(p.due()).isEmpty();
    });
  }

  @Test void proposalsAreOrderedMostUrgentFirst() {
    List<Proposal> ps = ProposalGrouper.group(List.of(
        scored("web-1", "A", "aaa", "Debian:12", "1-1", FindingState.OPEN, List.of(), Priority.ROUTINE, T0),
        scored("web-1", "B", "bbb", "Debian:12", "1-1", FindingState.OPEN, List.of(), Priority.EMERGENCY, T0.plusSeconds(60)),
        scored("web-1", "C", "ccc", "Debian:12", "1-1", FindingState.OPEN, List.of(), Priority.EMERGENCY, T0)), ASSETS);
    assertThat(ps).extracting(Proposal::packageName).containsExactly("ccc", "bbb", "aaa");
  }

  @Test void versionsThatCannotBeOrderedAreNotGuessedAt() {
    List<Proposal> ps = ProposalGrouper.group(List.of(
        scored("web-1", "X-1", "thing", "NoSuchEcosystem", "2.0", FindingState.OPEN, List.of(), null, null),
        scored("web-2", "X-2", "thing", "NoSuchEcosystem", "10.0", FindingState.OPEN, List.of(), null, null)), ASSETS);
    assertThat(ps).extracting(Proposal::fixedVersion).containsExactlyInAnyOrder("2.0", "10.0");
  }

  @Test void idsAreSanitisedPlainNamesAndCollisionsAreResolved() {
    assertThat(ProposalIds.of("openssl", "1:3.0.15-1~deb12u1", "production")).isEqualTo("openssl-1-3.0.15-1-deb12u1-production");
    assertThat(ProposalIds.of("org.apache.logging.log4j:log4j-core", "2.17.1", "Prod EU/1"))
        .isEqualTo("org.apache.logging.log4j-log4j-core-2.17.1-prod-eu-1");
    assertThat(ProposalIds.of("@scope/pkg", "1.0.0+build.1", "staging")).isEqualTo("scope-pkg-1.0.0-build.1-staging");
    String longId = ProposalIds.of("p".repeat(300), "1.0", "production");
    assertThat(longId).hasSizeLessThanOrEqualTo(ProposalIds.MAX).matches("[a-z0-9][a-z0-9.-]*[a-z0-9]");
    assertThat(longId).isNotEqualTo(ProposalIds.of("p".repeat(300), "1.1", "production"));
    for (String id : List.of(longId, ProposalIds.of("~~~", "!!", "--"), ProposalIds.of("a", "1:2~3+4", "x y")))
      assertThat(Names.isPlain(id)).as(id).isTrue();
    // Same package, environment and sanitised version from two ecosystems: both keep distinct, stable ids.
    List<Proposal> ps = ProposalGrouper.group(List.of(
        scored("web-1", "A", "zlib", "Debian:12", "1.3+x", FindingState.OPEN, List.of(), null, null),
        scored("web-2", "B", "zlib", "Ubuntu:22.04", "1.3~x", FindingState.OPEN, List.of(), null, null)), ASSETS);
    assertThat(ps).extracting(Proposal::id)
        .containsExactlyInAnyOrder("zlib-1.3-x-production-debian-12", "zlib-1.3-x-production-ubuntu-22.04");
  }
}
