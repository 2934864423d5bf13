package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.suture.core.audit.AuditEvent;
import dev.suture.core.audit.AuditRecord;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.model.Priority;
import dev.suture.core.port.Incident;
import dev.suture.core.registry.FieldProblem;
import dev.suture.core.registry.InvalidFieldsException;
import dev.suture.core.registry.PatchFields;
import dev.suture.core.registry.PatchRef;
import dev.suture.core.registry.PatchStatus;
import dev.suture.core.registry.RegressionRisk;
import dev.suture.core.registry.SlaPolicy;
import dev.suture.core.registry.TransitionRequest;
import dev.suture.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Shared set-up for the registry and incident store tests, subclassed per database. */
abstract class GovernanceStoreScenarios {
  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-11-22T10:00:00Z");
  HikariDataSource ds;
  Store store;
  JdbcPatchRegistry registry;
  JdbcIncidentReviews reviews;

  static final PatchFields COMPLETE = new PatchFields("CVE-2026-1234: remote session-key disclosure", List.of("3.0.0", "3.0.1"),
      new RegressionRisk(RegressionRisk.Level.MEDIUM, "handshake code changed; canary covers TLS"));

  abstract String url();
  String user() { return null; }
  String password() { return null; }

  @BeforeEach void openStore() {
    ds = Store.pool(url(), user(), password(), 4);
    store = Store.on(ds, clock, new DocumentParser(Set.of("fake")));
    registry = JdbcPatchRegistry.on(ds, clock, SlaPolicy.defaults());
    reviews = JdbcIncidentReviews.on(ds, clock);
  }

  @AfterEach void closeStore() {
    if (ds != null) ds.close();
  }

  static PatchRef ref(String id, Priority p) { return new PatchRef(id, "openssl " + id, p, List.of("SEC-42"), List.of("CVE-2026-1234")); }

  List<String> actions(String subject) { return store.audit().forSubject(subject).stream().map(AuditEvent::action).toList(); }

  /** Opens an incident the way the engine does (numbered after its audit event). */
  Incident openIncident(String rolloutId) {
    return new Jdbc(ds).tx(c -> new IncidentRepository(new Jdbc(ds), clock).insert(c,
        new Incident(null, rolloutId, "P1", "canary failed on " + rolloutId, "OPEN", clock.instant(), List.of()),
        AuditRecord.of("engine", "incident.opened", "rollout/" + rolloutId, "priority", "P1")));
  }

  static void assertFields(Throwable t, String... fields) {
    assertThat(t).isInstanceOfSatisfying(InvalidFieldsException.class,
        e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly(fields));
  }

  void deploy(String patchId, String note) {
    registry.transition(patchId, TransitionRequest.to(PatchStatus.APPROVED, ""), "bob");
    registry.transition(patchId, TransitionRequest.to(PatchStatus.SCHEDULED, ""), "ops");
    registry.transition(patchId, TransitionRequest.to(PatchStatus.IN_PROGRESS, ""), "ops");
    registry.transition(patchId, TransitionRequest.to(PatchStatus.DEPLOYED, note), "ops");
  }

  void propose(String patchId, Priority p) {
    registry.create(ref(patchId, p), COMPLETE, "alice", "");
    registry.transition(patchId, TransitionRequest.to(PatchStatus.PROPOSED, ""), "alice");
  }

  static void refusedAsConflict(Runnable r, String message) {
    assertThatThrownBy(r::run).isInstanceOf(ConflictException.class).hasMessageContaining(message);
  }

  void advance(Duration d) { clock.advance(d); }
}
