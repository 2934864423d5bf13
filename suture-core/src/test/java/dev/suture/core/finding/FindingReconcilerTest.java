package dev.suture.core.finding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingReconcilerTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofDays(3));
  private static final FindingKey BASH = new FindingKey("web-1", "DEBIAN-CVE-2024-1", "bash");
  private static final FindingKey SSL = new FindingKey("web-1", "DEBIAN-CVE-2024-2", "openssl");
  private static final FindingKey OTHER_HOST = new FindingKey("web-2", "DEBIAN-CVE-2024-2", "openssl");
  private final FindingReconciler reconciler = new FindingReconciler();

  private static Match match(FindingKey k, String installed, String fixed) {
    return new Match(k, "Debian:12", installed, Optional.ofNullable(fixed), "introduced 0, fixed " + fixed);
  }

  private static boolean webOne(FindingKey k) { return k.asset().equals("web-1"); }

  @Test
  void aNewMatchOpensAFindingWithFirstSeenAndFixAvailableSince() {
    var r = reconciler.reconcile(List.of(match(BASH, "5.2.15-2", "5.2.15-2+deb12u1")), List.of(),
        FindingReconcilerTest::webOne, FindingReconciler.INVENTORY_ACTOR, T0);
    assertThat(r.upserts()).singleElement().satisfies(f -> {
      assertThat(f.state()).isEqualTo(FindingState.OPEN);
      assertThat(f.firstSeen()).isEqualTo(T0);
      assertThat(f.fixAvailableSince()).contains(T0);
      assertThat(f.version()).isZero();
    });
    assertThat(r.changes()).singleElement().satisfies(c -> {
      assertThat(c.from()).isEmpty();
      assertThat(c.to()).isEqualTo(FindingState.OPEN);
      assertThat(c.note()).contains("bash 5.2.15-2 on Debian:12, fixed in 5.2.15-2+deb12u1");
    });
  }

  @Test
  void aMatchWithoutAFixHasNoFixAvailableSinceUntilAFixAppears() {
    Finding open = reconciler.reconcile(List.of(match(BASH, "5.2.15-2", null)), List.of(), k -> true, "x", T0)
        .upserts().get(0).withVersion(1);
    assertThat(open.fixAvailableSince()).isEmpty();
    var later = reconciler.reconcile(List.of(match(BASH, "5.2.15-2", "5.2.15-3")), List.of(open), k -> true, "x", T1);
    assertThat(later.changes()).isEmpty();
    assertThat(later.upserts()).singleElement().satisfies(f -> {
      assertThat(f.fixAvailableSince()).contains(T1);
      assertThat(f.fixedVersion()).contains("5.2.15-3");
      assertThat(f.firstSeen()).isEqualTo(T0);
      assertThat(f.version()).isEqualTo(1);
    });
  }

  @Test
  void anUnchangedMatchWritesNothing() {
    Finding open = Finding.open(BASH, "Debian:12", "5.2.15-2", Optional.of("5.2.15-3"), T0).withVersion(4);
    var r = reconciler.reconcile(List.of(match(BASH, "5.2.15-2", "5.2.15-3")), List.of(open), k -> true, "x", T1);
    assertThat(r.isEmpty()).isTrue();
  }

  @Test
  void aFindingThatNoLongerMatchesIsRemediatedWhateverItsStateAndOutOfScopeFindingsAreLeftAlone() {
    Finding planned = Finding.open(BASH, "Debian:12", "5.2.15-2", Optional.of("5.2.15-3"), T0)
        .withState(FindingState.PATCH_PLANNED, Optional.empty(), Optional.empty()).withVersion(2);
    Finding accepted = Finding.open(SSL, "Debian:12", "3.0.11-1", Optional.of("3.0.13-1"), T0)
        .withState(FindingState.ACCEPTED_RISK, Optional.of(new RiskException("carol", "isolated", T1)), Optional.empty());
    Finding elsewhere = Finding.open(OTHER_HOST, "Debian:12", "3.0.11-1", Optional.of("3.0.13-1"), T0);
    var r = reconciler.reconcile(List.of(), List.of(planned, accepted, elsewhere), FindingReconcilerTest::webOne,
        FindingReconciler.INVENTORY_ACTOR, T1);
    assertThat(r.upserts()).extracting(f -> f.key()).containsExactlyInAnyOrder(BASH, SSL);
    assertThat(r.upserts()).allSatisfy(f -> {
      assertThat(f.state()).isEqualTo(FindingState.REMEDIATED);
      assertThat(f.remediatedAt()).contains(T1);
      assertThat(f.exception()).isEmpty();
      assertThat(f.firstSeen()).isEqualTo(T0);
    });
    assertThat(r.changes()).extracting(c -> c.from().orElseThrow())
        .containsExactlyInAnyOrder(FindingState.PATCH_PLANNED, FindingState.ACCEPTED_RISK);
    assertThat(r.changes()).allSatisfy(c -> assertThat(c.actor()).isEqualTo(FindingReconciler.INVENTORY_ACTOR));
    assertThat(r.changes().get(0).note()).contains("no longer affected").contains("fixed in 5.2.15-3");
  }

  @Test
  void aRemediatedFindingThatMatchesAgainIsReopenedKeepingFirstSeen() {
    Finding remediated = Finding.open(BASH, "Debian:12", "5.2.15-2", Optional.of("5.2.15-3"), T0)
        .withState(FindingState.REMEDIATED, Optional.empty(), Optional.of(T0.plusSeconds(60))).withVersion(3);
    var r = reconciler.reconcile(List.of(match(BASH, "5.2.15-2", "5.2.15-3")), List.of(remediated), k -> true, "x", T1);
    assertThat(r.upserts()).singleElement().satisfies(f -> {
      assertThat(f.state()).isEqualTo(FindingState.OPEN);
      assertThat(f.firstSeen()).isEqualTo(T0);
      assertThat(f.remediatedAt()).isEmpty();
      assertThat(f.version()).isEqualTo(3);
    });
    assertThat(r.changes()).singleElement().satisfies(c -> assertThat(c.note()).startsWith("affected again"));
    // A remediated finding that still does not match stays as it is.
    assertThat(reconciler.reconcile(List.of(), List.of(remediated), k -> true, "x", T1).isEmpty()).isTrue();
  }

  @Test
  void aFalsePositiveOrAcceptedRiskIsKeptWhileItStillMatches() {
    Finding fp = Finding.open(BASH, "Debian:12", "5.2.15-2", Optional.of("5.2.15-3"), T0)
        .withState(FindingState.FALSE_POSITIVE, Optional.empty(), Optional.empty());
    var r = reconciler.reconcile(List.of(match(BASH, "5.2.15-2", "5.2.15-3")), List.of(fp), k -> true, "x", T1);
    assertThat(r.isEmpty()).isTrue();
  }

  @Test
  void aWithdrawnAdvisoryTurnsItsActiveFindingsIntoFalsePositives() {
    Finding open = Finding.open(SSL, "Debian:12", "3.0.11-1", Optional.of("3.0.13-1"), T0);
    Finding other = Finding.open(BASH, "Debian:12", "5.2.15-2", Optional.empty(), T0);
    var r = reconciler.withdrawn(SSL.advisoryId(), List.of(open, other), T1);
    assertThat(r.upserts()).singleElement().satisfies(f -> assertThat(f.state()).isEqualTo(FindingState.FALSE_POSITIVE));
    assertThat(r.changes().get(0).actor()).isEqualTo(FindingReconciler.FEED_ACTOR);
    assertThat(r.changes().get(0).note()).contains("withdrawn");
  }

  @Test
  void expiredExceptionsReopenAndLiveOnesStay() {
    Finding expired = Finding.open(BASH, "Debian:12", "5.2.15-2", Optional.empty(), T0)
        .withState(FindingState.ACCEPTED_RISK, Optional.of(new RiskException("carol", "no internet exposure", T1)), Optional.empty());
    Finding live = Finding.open(SSL, "Debian:12", "3.0.11-1", Optional.empty(), T0)
        .withState(FindingState.ACCEPTED_RISK, Optional.of(new RiskException("carol", "isolated", T1.plusSeconds(1))), Optional.empty());
    var r = reconciler.expire(List.of(expired, live), T1);
    assertThat(r.upserts()).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo(BASH);
      assertThat(f.state()).isEqualTo(FindingState.OPEN);
      assertThat(f.exception()).isEmpty();
    });
    assertThat(r.changes().get(0).note()).contains("carol").contains("expired");
  }
}
