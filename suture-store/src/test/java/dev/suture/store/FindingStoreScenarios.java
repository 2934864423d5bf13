package dev.suture.store;

import dev.suture.core.finding.FindingQuery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingChange;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.finding.RiskException;
import dev.suture.core.json.Json;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.rollout.IllegalTransitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Findings on a real database: fenced saves, people's decisions, history kept, audit per change. */
abstract class FindingStoreScenarios extends VulnStoreFixture {
  static final String MATCHER = "system:inventory";
  static final FindingKey WEB1_SSL = new FindingKey("web-1", "DSA-5001", "openssl");

  Finding open(FindingKey k, Optional<String> fixed) { return Finding.open(k, "Debian:12", "3.0.11-1~deb12u2", fixed, clock.instant()); }

  FindingChange opened(FindingKey k) { return new FindingChange(k, Optional.empty(), FindingState.OPEN, MATCHER, clock.instant(), "matched"); }

  /** Opens the findings the way the matcher does; returns them as stored. */
  List<Finding> openAll(FindingKey... keys) {
    List<Finding> fs = new ArrayList<>();
    List<FindingChange> cs = new ArrayList<>();
    for (FindingKey k : keys) {
      fs.add(open(k, Optional.of("3.0.15-1~deb12u1")));
      cs.add(opened(k));
    }
    return findings.save(fs, cs, MATCHER);
  }

  List<Integer> historySeqs(FindingKey k) {
    return new Jdbc(ds).read(c -> {
      List<Integer> out = new ArrayList<>();
      try (var ps = c.prepareStatement("SELECT seq FROM finding_history WHERE asset = ? AND advisory_id = ? AND package = ? ORDER BY seq")) {
        ps.setString(1, k.asset());
        ps.setString(2, k.advisoryId());
        ps.setString(3, k.packageName());
        try (var rs = ps.executeQuery()) {
          while (rs.next()) out.add(rs.getInt(1));
        }
      }
      return out;
    });
  }

  @Test void openedFindingsReadBackEqualAndAreFoundByEveryFilter() {
    FindingKey db1 = new FindingKey("db-1", "DSA-5001", "openssl");
    FindingKey web1Curl = new FindingKey("web-1", "DSA-5002", "curl");
    List<Finding> saved = openAll(WEB1_SSL, db1, web1Curl);

    assertThat(saved).extracting(Finding::version).containsExactly(1L, 1L, 1L);
    assertThat(findings.find(WEB1_SSL)).contains(saved.get(0));
    assertThat(findings.find(new FindingKey("web-1", "DSA-5001", "curl"))).isEmpty();
    assertThat(findings.forAsset("web-1")).containsExactly(saved.get(0), saved.get(2));
    assertThat(findings.forAdvisory("DSA-5001")).containsExactly(saved.get(1), saved.get(0));
    assertThat(findings.list(FindingQuery.all())).extracting(Finding::key).containsExactly(db1, WEB1_SSL, web1Curl);
    assertThat(findings.list(FindingQuery.all().withAsset("web-1").withAdvisory("DSA-5002"))).extracting(Finding::key)
        .containsExactly(web1Curl);
    assertThat(findings.list(FindingQuery.all().withLimit(2))).hasSize(2);
    findings.transition(db1, FindingState.FALSE_POSITIVE, "alice", "not the vulnerable build", Optional.empty(), 1);
    assertThat(findings.list(FindingQuery.all().withStates(Set.of(FindingState.OPEN, FindingState.PATCH_PLANNED))))
        .extracting(Finding::key).containsExactly(WEB1_SSL, web1Curl);
    assertThat(findings.list(FindingQuery.all().withStates(Set.of(FindingState.FALSE_POSITIVE)))).extracting(Finding::key)
        .containsExactly(db1);
    assertThat(findings.countByState()).containsEntry(FindingState.OPEN, 2L).containsEntry(FindingState.FALSE_POSITIVE, 1L);

    assertThat(findings.history(WEB1_SSL)).containsExactly(opened(WEB1_SSL));
    List<AuditEvent> audit = store.audit().forSubject("finding/web-1/DSA-5001/openssl");
    assertThat(audit).extracting(AuditEvent::action).containsExactly("finding.opened");
    assertThat(Json.readObject(audit.get(0).details())).containsEntry("to", "open").containsEntry("package", "openssl");
  }

  @Test void aSaveFromAStaleReadIsRefusedWhole() {
    Finding stored = openAll(WEB1_SSL).get(0);
    // The matcher and a person read version 1; the person decides first.
    findings.transition(WEB1_SSL, FindingState.PATCH_PLANNED, "alice", "in next window", Optional.empty(), 1);

    FindingKey other = new FindingKey("web-2", "DSA-5001", "openssl");
    Finding remediated = stored.withState(FindingState.REMEDIATED, Optional.empty(), Optional.of(clock.instant()));
    assertThatThrownBy(() -> findings.save(List.of(open(other, Optional.empty()), remediated),
        List.of(opened(other), new FindingChange(WEB1_SSL, Optional.of(FindingState.OPEN), FindingState.REMEDIATED, MATCHER,
            clock.instant(), "fixed version installed")), MATCHER))
        .isInstanceOf(ConflictException.class).hasMessageContaining("web-1/DSA-5001/openssl changed while it was being saved");

    // Nothing of the refused save is kept: not the new finding, not its history, not the audit.
    assertThat(findings.find(other)).isEmpty();
    assertThat(findings.history(other)).isEmpty();
    assertThat(actions("finding/web-2/DSA-5001/openssl")).isEmpty();
    assertThat(findings.find(WEB1_SSL).orElseThrow().state()).isEqualTo(FindingState.PATCH_PLANNED);
    assertThat(findings.history(WEB1_SSL)).extracting(FindingChange::to).containsExactly(FindingState.OPEN, FindingState.PATCH_PLANNED);
  }

  @Test void openingAFindingThatExistsIsAConflict() {
    openAll(WEB1_SSL);
    assertThatThrownBy(() -> openAll(WEB1_SSL)).isInstanceOf(ConflictException.class);
    assertThat(findings.history(WEB1_SSL)).hasSize(1);
  }

  @Test void theLifecycleIsKeptAsHistoryAndAudited() {
    openAll(WEB1_SSL);
    clock.advance(Duration.ofDays(1));
    Finding planned = findings.transition(WEB1_SSL, FindingState.PATCH_PLANNED, "alice", "CR-12", Optional.empty(), 1);
    assertThat(planned.version()).isEqualTo(2);

    clock.advance(Duration.ofDays(1));
    RiskException risk = new RiskException("carol", "host is isolated; vendor fix breaks the HSM", clock.instant().plus(Duration.ofDays(30)));
    Finding accepted = findings.transition(WEB1_SSL, FindingState.ACCEPTED_RISK, "carol", "approved", Optional.of(risk), 2);
    assertThat(findings.find(WEB1_SSL)).contains(accepted);
    assertThat(accepted.exception()).contains(risk);
    assertThat(findings.expiredExceptions(clock.instant().plus(Duration.ofDays(29)))).isEmpty();
    assertThat(findings.expiredExceptions(risk.expiresAt())).containsExactly(accepted);

    clock.advance(Duration.ofDays(30));
    Finding reopened = findings.transition(WEB1_SSL, FindingState.OPEN, "system:exceptions", "exception expired", Optional.empty(), 3);
    assertThat(reopened.exception()).isEmpty();
    assertThat(findings.expiredExceptions(clock.instant())).isEmpty();

    // The matcher sees the fixed version installed, then a downgrade brings the finding back.
    clock.advance(Duration.ofDays(1));
    Instant fixedAt = clock.instant();
    Finding remediated = reopened.withState(FindingState.REMEDIATED, Optional.empty(), Optional.of(fixedAt));
    Finding stored = findings.save(List.of(remediated), List.of(new FindingChange(WEB1_SSL, Optional.of(FindingState.OPEN),
        FindingState.REMEDIATED, MATCHER, fixedAt, "3.0.15-1~deb12u1 installed")), MATCHER).get(0);
    assertThat(findings.find(WEB1_SSL)).contains(stored);
    assertThat(stored.remediatedAt()).contains(fixedAt);
    clock.advance(Duration.ofDays(1));
    Finding back = stored.withState(FindingState.OPEN, Optional.empty(), Optional.empty()).seenAt("3.0.11-1~deb12u2", Optional.empty(),
        clock.instant());
    findings.save(List.of(back), List.of(new FindingChange(WEB1_SSL, Optional.of(FindingState.REMEDIATED), FindingState.OPEN, MATCHER,
        clock.instant(), "downgraded")), MATCHER);

    Finding now = findings.find(WEB1_SSL).orElseThrow();
    assertThat(now.version()).isEqualTo(6);
    assertThat(now.firstSeen()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    assertThat(now.fixAvailableSince()).contains(Instant.parse("2026-12-01T09:00:00Z"));
    assertThat(findings.history(WEB1_SSL)).extracting(FindingChange::from, FindingChange::to, FindingChange::actor).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Optional.empty(), FindingState.OPEN, MATCHER),
        org.assertj.core.groups.Tuple.tuple(Optional.of(FindingState.OPEN), FindingState.PATCH_PLANNED, "alice"),
        org.assertj.core.groups.Tuple.tuple(Optional.of(FindingState.PATCH_PLANNED), FindingState.ACCEPTED_RISK, "carol"),
        org.assertj.core.groups.Tuple.tuple(Optional.of(FindingState.ACCEPTED_RISK), FindingState.OPEN, "system:exceptions"),
        org.assertj.core.groups.Tuple.tuple(Optional.of(FindingState.OPEN), FindingState.REMEDIATED, MATCHER),
        org.assertj.core.groups.Tuple.tuple(Optional.of(FindingState.REMEDIATED), FindingState.OPEN, MATCHER));
    assertThat(findings.history(WEB1_SSL).get(2).note()).isEqualTo("approved");
    assertThat(historySeqs(WEB1_SSL)).containsExactly(0, 1, 2, 3, 4, 5);
    List<AuditEvent> audit = store.audit().forSubject("finding/web-1/DSA-5001/openssl");
    assertThat(audit).extracting(AuditEvent::action).containsExactly("finding.opened", "finding.patch-planned", "finding.accepted-risk",
        "finding.reopened", "finding.remediated", "finding.reopened");
    assertThat(Json.readObject(audit.get(2).details())).containsEntry("approver", "carol").containsEntry("from", "patch-planned")
        .containsEntry("expiresAt", risk.expiresAt().toString());
    assertThat(store.audit().verify().intact()).isTrue();
  }

  @Test void badDecisionsAreRefusedAndWriteNothing() {
    openAll(WEB1_SSL);
    RiskException risk = new RiskException("carol", "isolated", clock.instant().plus(Duration.ofDays(30)));
    assertThatThrownBy(() -> findings.transition(WEB1_SSL, FindingState.PATCH_PLANNED, "alice", "", Optional.empty(), 7))
        .isInstanceOf(ConflictException.class).hasMessageContaining("is at version 1, not 7");
    assertThatThrownBy(() -> findings.transition(new FindingKey("web-9", "DSA-5001", "openssl"), FindingState.PATCH_PLANNED, "alice", "",
        Optional.empty(), 1)).isInstanceOf(NotFoundException.class).hasMessageContaining("web-9/DSA-5001/openssl");
    assertThatThrownBy(() -> findings.transition(WEB1_SSL, FindingState.OPEN, "alice", "", Optional.empty(), 1))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> findings.transition(WEB1_SSL, FindingState.ACCEPTED_RISK, "alice", "", Optional.empty(), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs its exception");
    assertThatThrownBy(() -> findings.transition(WEB1_SSL, FindingState.PATCH_PLANNED, "alice", "", Optional.of(risk), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("exception: ");
    RiskException expired = new RiskException("carol", "isolated", clock.instant());
    assertThatThrownBy(() -> findings.transition(WEB1_SSL, FindingState.ACCEPTED_RISK, "alice", "", Optional.of(expired), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("exception.expiresAt: must be in the future");
    assertThatThrownBy(() -> findings.save(List.of(), List.of(opened(WEB1_SSL)), MATCHER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not among the findings saved");

    assertThat(findings.find(WEB1_SSL).orElseThrow().version()).isEqualTo(1);
    assertThat(findings.history(WEB1_SSL)).hasSize(1);
    assertThat(actions("finding/web-1/DSA-5001/openssl")).containsExactly("finding.opened");
  }

  @Test void aFleetSizedSaveIsWrittenInBatchesAndEachFindingsHistoryContinues() {
    List<FindingKey> keys = new ArrayList<>();
    for (int i = 0; i < 1300; i++) keys.add(new FindingKey("host-" + (i % 40), "DSA-" + (i / 40), "pkg" + i));
    List<Finding> first = openAll(keys.toArray(FindingKey[]::new));
    clock.advance(Duration.ofDays(2));
    List<Finding> next = new ArrayList<>();
    List<FindingChange> changes = new ArrayList<>();
    for (Finding f : first) {
      next.add(f.withState(FindingState.REMEDIATED, Optional.empty(), Optional.of(clock.instant())));
      changes.add(new FindingChange(f.key(), Optional.of(FindingState.OPEN), FindingState.REMEDIATED, MATCHER, clock.instant(), "upgraded"));
    }
    List<Finding> saved = findings.save(next, changes, MATCHER);
    assertThat(saved).extracting(Finding::version).containsOnly(2L);
    assertThat(findings.list(FindingQuery.all().withStates(Set.of(FindingState.REMEDIATED)).withLimit(5000))).hasSize(1300);
    assertThat(findings.history(keys.get(1299))).extracting(FindingChange::to).containsExactly(FindingState.OPEN, FindingState.REMEDIATED);
    assertThat(findings.find(keys.get(777))).contains(saved.get(777));
  }
}
