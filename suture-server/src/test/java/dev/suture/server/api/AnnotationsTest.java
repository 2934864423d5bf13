package dev.suture.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.metrics.AuditFact;
import dev.suture.core.rollout.RolloutState;
import dev.suture.server.api.Annotations.Annotation;
import dev.suture.store.JdbcProgrammeRecords.RolloutRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rollouts become Grafana regions (created → ended, or → now) and their lifecycle events points. */
class AnnotationsTest {
  static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  @Test void aRolloutIsARegionUntilItEndsAndItsEventsInRangeArePoints() {
    var done = new RolloutRow("r1", "web-prod", "openssl-3", RolloutState.ROLLED_BACK, T, T.plusSeconds(300), "gate failed during canary");
    var live = new RolloutRow("r2", "web-prod", "openssl-4", RolloutState.RUNNING, T.plusSeconds(600), T.plusSeconds(610), null);
    var events = List.of(
        new AuditFact(1, T.plusSeconds(100), "rollout.halted", "r1", Map.of("reason", "gate failed during canary")),
        new AuditFact(2, T.plusSeconds(300), "rollout.rolled_back", "r1", Map.of()),
        new AuditFact(3, T.plusSeconds(700), "rollout.started", "r2", Map.of()),            // after "to": left out
        new AuditFact(4, T.plusSeconds(200), "rollout.started", "unknown", Map.of()));      // rollout not listed: left out
    Instant now = T.plusSeconds(900);
    List<Annotation> a = Annotations.of(List.of(done, live), events, T, T.plusSeconds(650), now);

    assertThat(a).extracting(Annotation::title).containsExactly("rollout r1", "rollout.halted r1", "rollout.rolled_back r1", "rollout r2");
    assertThat(a.get(0).timeEnd()).isEqualTo(T.plusSeconds(300).toEpochMilli());
    assertThat(a.get(0).text()).isEqualTo("patch openssl-3 with plan web-prod: rolled_back (gate failed during canary)");
    assertThat(a.get(0).tags()).containsExactly("r1", "openssl-3", "web-prod", "rolled_back");
    assertThat(a.get(1).time()).isEqualTo(a.get(1).timeEnd());
    assertThat(a.get(1).tags()).containsExactly("r1", "openssl-3", "web-prod", "halted");
    assertThat(a.get(1).text()).endsWith(": gate failed during canary");
    assertThat(a.get(3).timeEnd()).as("not ended: the region runs to now").isEqualTo(now.toEpochMilli());
  }
}
