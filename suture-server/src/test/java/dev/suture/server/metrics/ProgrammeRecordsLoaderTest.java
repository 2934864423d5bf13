package dev.suture.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.suture.core.audit.AuditRecord;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.metrics.AuditFact;
import dev.suture.core.metrics.MetricNames;
import dev.suture.core.metrics.ProgrammeMetrics;
import dev.suture.core.metrics.ProgrammeRecords;
import dev.suture.core.metrics.Sample;
import dev.suture.core.registry.SlaPolicy;
import dev.suture.core.testing.ManualClock;
import dev.suture.store.JdbcPatchRegistry;
import dev.suture.store.JdbcProgrammeRecords;
import dev.suture.store.Store;
import dev.suture.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on a real H2 store and a manual clock: audit events are read incrementally, filtered and aged out. */
class ProgrammeRecordsLoaderTest {
  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-12-01T10:00:00Z");
  HikariDataSource pool;
  Store store;
  ProgrammeRecordsLoader loader;

  @BeforeEach void setUp() {
    pool = Store.pool(TestDatabases.h2(tmp), null, null, 4);
    store = Store.on(pool, clock, new DocumentParser(Set.of("command")));
    JdbcPatchRegistry registry = JdbcPatchRegistry.on(pool, clock, new SlaPolicy(SlaPolicy.DEFAULT_EMERGENCY, SlaPolicy.DEFAULT_HIGH,
        SlaPolicy.DEFAULT_ROUTINE_FALLBACK, t -> Optional.empty(), SlaPolicy.DEFAULT_AT_RISK_FRACTION));
    loader = new ProgrammeRecordsLoader(store, JdbcProgrammeRecords.on(pool), registry, clock, Duration.ofDays(30));
  }

  @AfterEach void tearDown() {
    pool.close();
  }

  void audit(String rollout, String action, Object... details) {
    store.audit().append(List.of(AuditRecord.of("engine", action, "rollout/" + rollout, details)));
  }

  @Test void readsOnlyNewEventsKeepsDeltasAndRollbackEvidenceAndForgetsOldOnes() {
    audit("r1", "gate.measured", "figures", Map.of("canaryErrorDelta", 0.02));
    audit("r1", "gate.measured", "figures", Map.of("errorRatio", 0.5));       // no delta: not kept
    audit("r1", "stage.started", "stage", 0);                                  // not an action the metrics read
    store.audit().append(List.of(AuditRecord.of("ann", "registry.created", "registry/p", "x", 1)));
    ProgrammeRecords first = loader.load(Optional.of(true));
    assertThat(first.audit()).extracting(AuditFact::action).containsExactly("gate.measured");

    clock.advance(Duration.ofMinutes(1));
    audit("r1", "gate.verdict", "outcome", "halt", "firstBadAt", clock.instant().minusSeconds(30).toString());
    audit("r1", "rollout.halted", "reason", "gate failed");
    audit("r1", "rollback.started", "trigger", "automatic policy");
    clock.advance(Duration.ofSeconds(40));
    audit("r1", "rollout.rolled_back");
    ProgrammeRecords second = loader.load(Optional.of(true));
    assertThat(second.audit()).extracting(AuditFact::action)
        .containsExactly("gate.measured", "gate.verdict", "rollout.halted", "rollback.started", "rollout.rolled_back");
    List<Sample> s = ProgrammeMetrics.compute(second);
    assertThat(s).filteredOn(x -> x.name().equals(MetricNames.M4_TIME) && "automatic".equals(x.label("trigger"))
        && "mean".equals(x.label("stat"))).extracting(Sample::value).containsExactly(70.0);

    // 31 days on plus the 72 h look-back: every event has left the window and is dropped.
    clock.advance(Duration.ofDays(34));
    assertThat(loader.load(Optional.of(true)).audit()).isEmpty();
  }
}
