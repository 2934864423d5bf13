package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.suture.core.metrics.AuditFact;
import dev.suture.core.metrics.ProgrammeRecords.ChangeFact;
import dev.suture.core.metrics.ProgrammeRecords.IncidentFact;
import dev.suture.core.metrics.RolloutFacts;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetState;
import dev.suture.store.JdbcProgrammeRecords.RolloutRow;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read queries behind the programme metrics and the annotations endpoint, over rollouts the real engine ran. */
abstract class ProgrammeRecordsScenarios extends EngineFixture {
  HikariDataSource pool;
  JdbcProgrammeRecords reader;

  @AfterEach void closePool() {
    if (pool != null) pool.close();
  }

  @Test void readsRolloutsTargetsEventsIncidentsAndChangesOfRealRollouts() throws Exception {
    fleetOf(3);
    plan("- snapshot: {}\n- wave: {percent: 100, maxConcurrency: 1, maxErrors: 0}");
    Instant before = clock.instant();
    String ok = awaitEnd(start().id()).id();
    clock.advance(Duration.ofMinutes(5));
    fleet.versions.replaceAll((host, version) -> "1.0"); // as if the first rollout had been undone
    fleet.failApply.add("web-02");
    String bad = awaitEnd(start().id()).id();
    pool = Store.pool(url(), user(), password(), 2);
    reader = JdbcProgrammeRecords.on(pool);

    assertThat(reader.rollouts()).extracting(RolloutRow::id, RolloutRow::state, RolloutRow::patchId, RolloutRow::planName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ok, RolloutState.SUCCEEDED, "p2", "sop"),
            org.assertj.core.groups.Tuple.tuple(bad, RolloutState.ROLLED_BACK, "p2", "sop"));
    assertThat(reader.rollouts().get(1).haltReason()).contains("exceed maxErrors 0");
    assertThat(reader.stateCounts()).isEqualTo(Map.of(RolloutState.SUCCEEDED, 1L, RolloutState.ROLLED_BACK, 1L));

    Map<String, List<RolloutFacts.Target>> targets = reader.targets(List.of(ok, bad, "unknown"));
    assertThat(targets.get(ok)).extracting(RolloutFacts.Target::asset, RolloutFacts.Target::environment, RolloutFacts.Target::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("web-01", "production", TargetState.HEALTHY),
            org.assertj.core.groups.Tuple.tuple("web-02", "production", TargetState.HEALTHY),
            org.assertj.core.groups.Tuple.tuple("web-03", "production", TargetState.HEALTHY));
    assertThat(targets.get(bad)).extracting(RolloutFacts.Target::state)
        .containsExactly(TargetState.ROLLED_BACK, TargetState.ROLLED_BACK, TargetState.PENDING);
    assertThat(targets).doesNotContainKey("unknown");

    List<AuditFact> events = reader.rolloutEvents(Set.of("target.failed", "rollback.started", "rollout.rolled_back"), 0, before, 100);
    assertThat(events).extracting(AuditFact::rolloutId, AuditFact::action).containsExactly(
        org.assertj.core.groups.Tuple.tuple(bad, "target.failed"), org.assertj.core.groups.Tuple.tuple(bad, "rollback.started"),
        org.assertj.core.groups.Tuple.tuple(bad, "rollout.rolled_back"));
    assertThat(events.get(0).text("target")).isEqualTo("web-02");
    assertThat(events.get(1).text("trigger")).isEqualTo("automatic policy");
    assertThat(reader.rolloutEvents(Set.of("target.failed", "rollback.started", "rollout.rolled_back"), events.get(0).sequence(), before, 1))
        .extracting(AuditFact::action).containsExactly("rollback.started");
    assertThat(reader.rolloutEvents(Set.of("rollout.rolled_back"), 0, clock.instant().plusSeconds(1), 100)).isEmpty();

    assertThat(reader.incidents()).extracting(IncidentFact::rolloutId).containsExactly(bad);

    assertThat(reader.rolloutsBetween(before, clock.instant(), 10)).extracting(RolloutRow::id).containsExactly(bad, ok);
    assertThat(reader.rolloutsBetween(before.minusSeconds(60), before.minusSeconds(1), 10)).isEmpty();
    assertThat(reader.rolloutsBetween(before, clock.instant(), 1)).extracting(RolloutRow::id).containsExactly(bad);

    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO change_requests (id, type, state, patch_id, plan_name, requester, title, created_at, updated_at, "
          + "lock_version, rollout_id) VALUES ('CR-1', 'NORMAL', 'IMPLEMENTED', 'p2', 'sop', 'ann', 't', CURRENT_TIMESTAMP, "
          + "CURRENT_TIMESTAMP, 0, '" + ok + "'), ('CR-2', 'NORMAL', 'SUBMITTED', 'p2', 'sop', 'ann', 't', CURRENT_TIMESTAMP, "
          + "CURRENT_TIMESTAMP, 0, NULL)");
    }
    assertThat(reader.changes()).containsExactly(new ChangeFact("CR-1", ok, "p2", "IMPLEMENTED"));
  }
}
