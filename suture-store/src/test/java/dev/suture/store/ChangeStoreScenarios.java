package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.suture.core.audit.AuditEvent;
import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import dev.suture.core.change.ChangeDecisions;
import dev.suture.core.change.ChangeDraft;
import dev.suture.core.change.ChangePolicy;
import dev.suture.core.change.ChangeRequest;
import dev.suture.core.change.ChangeService;
import dev.suture.core.change.ChangeState;
import dev.suture.core.change.ChangeType;
import dev.suture.core.change.FreezeCheck;
import dev.suture.core.change.PromotionHistory.Success;
import dev.suture.core.change.StaleChangeException;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.model.Asset;
import dev.suture.core.testing.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change requests and promotion history against a real database (subclassed per database), on a manual clock. */
abstract class ChangeStoreScenarios {
  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-11-22T10:00:00Z");
  final DocumentParser parser = new DocumentParser(Set.of("fake"));
  final Actor alice = new Actor("alice", EnumSet.of(Role.REQUESTER));
  HikariDataSource pool;
  Store store;
  JdbcChangeRequestStore changes;
  ChangeService service;

  abstract String url();
  String user() { return null; }
  String password() { return null; }

  @BeforeEach void setUp() {
    pool = Store.pool(url(), user(), password(), 8);
    store = Store.on(pool, clock, parser);
    changes = JdbcChangeRequestStore.on(pool, clock);
    service = new ChangeService(changes, new ChangeDecisions(new ChangePolicy(4, Set.of(), Set.of(), Duration.ofHours(48)),
        FreezeCheck.NONE), clock);
  }

  @AfterEach void tearDown() {
    if (pool != null) pool.close();
  }

  static Actor approver(String name) { return new Actor(name, EnumSet.of(Role.APPROVER)); }

  ChangeDraft draft(ChangeType type) {
    return ChangeDraft.of(type, "openssl-3.0.13", "openssl-security", "alice", "Patch openssl",
        type == ChangeType.EMERGENCY ? "exploited" : null, Set.of("staging", "production"), null);
  }

  List<String> actions(ChangeRequest cr) {
    return store.audit().forSubject("change-request/" + cr.id()).stream().map(AuditEvent::action).toList();
  }

  @Test void roundTripsEveryFieldAndAuditsEachMutationInOrder() {
    clock.advance(Duration.ofNanos(123_456_789)); // more precision than a TIMESTAMP(6) keeps
    ChangeRequest cr = service.submit(draft(ChangeType.EMERGENCY), alice);
    assertThat(changes.find(cr.id()).orElseThrow()).isEqualTo(cr);
    assertThat(cr.version()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(5));
    ChangeRequest approved = service.approve(cr.id(), approver("bob"), "ship it");
    ChangeRequest implemented = service.implement(cr.id(), "r-1", List.of("staging skipped"), Actor.SYSTEM);
    ChangeRequest reviewed = service.recordReview(cr.id(), approver("carol"), "fine in hindsight");

    ChangeRequest read = changes.find(cr.id()).orElseThrow();
    assertThat(read).isEqualTo(reviewed);
    assertThat(read.version()).isEqualTo(4);
    assertThat(read.state()).isEqualTo(ChangeState.IMPLEMENTED);
    assertThat(read.rolloutId()).isEqualTo("r-1");
    assertThat(read.draft().environments()).containsExactly("production", "staging");
    assertThat(read.approvals()).singleElement().satisfies(a -> assertThat(a.comment()).isEqualTo("ship it"));
    assertThat(read.review().due()).isEqualTo(approved.approvedAt().plus(Duration.ofHours(48)));
    assertThat(read.review().doneBy()).isEqualTo("carol");
    assertThat(implemented.approvedAt()).isEqualTo(Instant.parse("2026-11-22T10:05:00.123456Z"));
    assertThat(actions(cr)).containsExactly("cr.submitted", "cr.approved", "cr.promotion_overridden", "cr.implemented", "cr.review_done");
    assertThat(store.audit().verify().intact()).isTrue();
  }

  @Test void aStaleSaveIsRefusedAndWritesNothing() {
    ChangeRequest v1 = service.submit(draft(ChangeType.NORMAL), alice);
    var rules = service.decisions();
    changes.update(rules.approve(v1, approver("bob"), "", clock.instant()).request(),
        rules.approve(v1, approver("bob"), "", clock.instant()).audit());
    var late = rules.approve(v1, approver("carol"), "", clock.instant());
    assertThatThrownBy(() -> changes.update(late.request(), late.audit())).isInstanceOf(StaleChangeException.class);
    assertThat(changes.find(v1.id()).orElseThrow().approvals()).extracting(a -> a.approver()).containsExactly("bob");
    assertThat(actions(v1)).containsExactly("cr.submitted", "cr.approved");
  }

  @Test void concurrentApproversLoseNoApproval() throws Exception {
    ChangeRequest cr = service.submit(draft(ChangeType.NORMAL), alice);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ChangeRequest>> results = new ArrayList<>();
      for (String name : List.of("bob", "carol", "dave", "erin"))
        results.add(pool.submit(() -> {
          go.await();
          return service.approve(cr.id(), approver(name), "");
        }));
      go.countDown();
      for (Future<ChangeRequest> f : results) f.get();
    } finally {
      pool.shutdownNow();
    }
    ChangeRequest done = changes.find(cr.id()).orElseThrow();
    assertThat(done.approvers()).containsExactlyInAnyOrder("bob", "carol", "dave", "erin");
    assertThat(done.state()).isEqualTo(ChangeState.APPROVED);
    assertThat(actions(cr)).filteredOn("cr.approved"::equals).hasSize(4);
  }

  @Test void theSweepEmitsReviewOverdueOnceFromTheDueInstantOn() {
    var emergency = new ChangeService(changes, new ChangeDecisions(new ChangePolicy(2, Set.of(), Set.of(), Duration.ofHours(48)),
        FreezeCheck.NONE), clock);
    ChangeRequest cr = emergency.submit(draft(ChangeType.EMERGENCY), alice);
    emergency.approve(cr.id(), approver("bob"), "");
    clock.advance(Duration.ofHours(48).minusSeconds(1));
    assertThat(emergency.sweepOverdueReviews()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(emergency.sweepOverdueReviews()).as("due is the first overdue instant").isEqualTo(1);
    clock.advance(Duration.ofHours(1));
    assertThat(emergency.sweepOverdueReviews()).isZero();
    assertThat(actions(cr)).containsExactly("cr.submitted", "cr.approved", "cr.review_overdue");
    assertThat(changes.find(cr.id()).orElseThrow().review().overdueFlaggedAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z").truncatedTo(java.time.temporal.ChronoUnit.MICROS));
  }

  @Test void listsNewestFirstAndByState() {
    ChangeRequest first = service.submit(draft(ChangeType.NORMAL), alice);
    clock.advance(Duration.ofSeconds(1));
    ChangeRequest second = service.submit(draft(ChangeType.NORMAL), alice);
    service.cancel(first.id(), alice);
    assertThat(changes.list(null, 10)).extracting(ChangeRequest::id).containsExactly(second.id(), first.id());
    assertThat(changes.list(ChangeState.CANCELLED, 10)).extracting(ChangeRequest::id).containsExactly(first.id());
  }

  @Test void promotionHistoryCountsHealthyTargetsOfSucceededRolloutsOnly() throws Exception {
    Instant t = clock.instant();
    rollout("r-ok", "SUCCEEDED", "2.0", t, List.of(target("stg-1", "staging", "HEALTHY"), target("stg-2", "staging", "HEALTHY"),
        target("dr-1", "dr", "FAILED")));
    rollout("r-old", "SUCCEEDED", "1.0", t.minusSeconds(60), List.of(target("prd-1", "production", "SKIPPED")));
    rollout("r-halted", "ROLLED_BACK", "2.0", t, List.of(target("prd-2", "production", "ROLLED_BACK")));
    List<Success> s = JdbcPromotionHistory.on(pool, parser).successes("p2");
    assertThat(s).containsExactlyInAnyOrder(new Success("staging", "2.0", "r-ok", t), new Success("production", "1.0", "r-old", t.minusSeconds(60)));
    assertThat(JdbcPromotionHistory.on(pool, parser).successes("other")).isEmpty();
  }

  record Row(Asset asset, String state) {}

  static Row target(String name, String env, String state) { return new Row(new Asset(name, env, "", null, null, null), state); }

  void rollout(String id, String state, String version, Instant at, List<Row> targets) throws Exception {
    String patch = "apiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: p2}\nspec: {kind: security, priority: high, version: '" + version + "'}\n";
    try (Connection c = pool.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollouts (id, plan_name, patch_id, plan_yaml, patch_yaml, state, stage_index, "
          + "created_at, updated_at, lock_version) VALUES (?, 'sop', 'p2', 'unused', ?, ?, 0, ?, ?, 0)")) {
        ps.setString(1, id);
        ps.setString(2, patch);
        ps.setString(3, state);
        Jdbc.setTime(ps, 4, at);
        Jdbc.setTime(ps, 5, at);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO target_runs (rollout_id, seq, asset_name, asset_json, state, batch, attempts, "
          + "snapshot_taken, updated_at) VALUES (?, ?, ?, ?, ?, 0, 1, FALSE, ?)")) {
        int seq = 0;
        for (Row r : targets) {
          ps.setString(1, id);
          ps.setInt(2, seq++);
          ps.setString(3, r.asset().name());
          ps.setString(4, AssetCodec.encode(r.asset()));
          ps.setString(5, r.state());
          Jdbc.setTime(ps, 6, at);
          ps.executeUpdate();
        }
      }
    }
  }
}
