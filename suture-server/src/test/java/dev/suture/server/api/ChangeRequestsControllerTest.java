package dev.suture.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.zaxxer.hikari.HikariDataSource;
import dev.suture.core.audit.AuditEvent;
import dev.suture.core.audit.AuditRecord;
import dev.suture.core.change.ChangeRequest;
import dev.suture.core.change.ChangeRequestStore;
import dev.suture.core.change.ChangeState;
import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import dev.suture.core.change.ChangeDecisions;
import dev.suture.core.change.ChangePolicy;
import dev.suture.core.change.ChangeService;
import dev.suture.core.change.FreezeCheck;
import dev.suture.core.change.PromotionPolicy;
import dev.suture.core.change.RolloutAdmission;
import dev.suture.core.change.RolloutStarter;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.Adapters;
import dev.suture.core.engine.EngineConfig;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.json.Json;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.testing.FakeFleet;
import dev.suture.core.testing.ManualClock;
import dev.suture.store.JdbcChangeRequestStore;
import dev.suture.store.JdbcPromotionHistory;
import dev.suture.store.Store;
import dev.suture.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Change requests and rollout admission through Spring MVC, on H2, with the acting person switched per call. */
class ChangeRequestsControllerTest {
  static final Actor ALICE = new Actor("alice", EnumSet.of(Role.REQUESTER, Role.OPERATOR));
  static final Actor BOB = new Actor("bob", EnumSet.of(Role.APPROVER));
  static final Actor CAROL = new Actor("carol", EnumSet.of(Role.APPROVER));

  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-11-22T10:00:00Z");
  final FakeFleet fleet = new FakeFleet().host("web-stg", "1.0").host("web-prd", "1.0");
  HikariDataSource pool;
  Store store;
  RolloutEngine engine;
  MockMvc mvc;
  Actor acting = ALICE;
  final AtomicReference<Runnable> afterNextFind = new AtomicReference<>();

  @BeforeEach void setUp() {
    DocumentParser parser = new DocumentParser(Set.of("fake"));
    pool = Store.pool(TestDatabases.h2(tmp), null, null, 4);
    store = Store.on(pool, clock, parser);
    engine = new RolloutEngine(store.rollouts(), store.audit(), new Adapters(List.of(fleet), List.of(), Optional.empty()), clock,
        EngineConfig.defaults("node-a"));
    JdbcChangeRequestStore crs = JdbcChangeRequestStore.on(pool, clock);
    // Runs a test's hook between reading a change request and returning it: a concurrent change at the worst moment.
    ChangeRequestStore racing = new ChangeRequestStore() {
      @Override public ChangeRequest insert(ChangeRequest r, List<AuditRecord> a) { return crs.insert(r, a); }
      @Override public ChangeRequest update(ChangeRequest r, List<AuditRecord> a) { return crs.update(r, a); }
      @Override public List<ChangeRequest> list(ChangeState st, int limit) { return crs.list(st, limit); }
      @Override public List<ChangeRequest> reviewsOverdue(Instant now) { return crs.reviewsOverdue(now); }
      @Override public Optional<ChangeRequest> find(String id) {
        Optional<ChangeRequest> found = crs.find(id);
        Runnable hook = afterNextFind.getAndSet(null);
        if (hook != null) hook.run();
        return found;
      }
    };
    var changes = new ChangeService(racing,
        new ChangeDecisions(new ChangePolicy(2, Set.of(), Set.of(), Duration.ofHours(48)), FreezeCheck.NONE), clock);
    var starter = new RolloutStarter(engine, changes, JdbcPromotionHistory.on(pool, parser),
        new RolloutAdmission(PromotionPolicy.defaults()), clock);
    var controller = new ChangeRequestsController(changes, store, clock);
    mvc = MockMvcBuilders.standaloneSetup(controller, new RolloutsController(store, engine, starter))
        .setControllerAdvice(new ProblemHandler())
        // what AuthFilter does for an authenticated request: the acting person rides on the request
        .addFilter((req, res, chain) -> {
          req.setAttribute(dev.suture.server.security.CurrentActor.ATTRIBUTE, acting);
          chain.doFilter(req, res);
        }).build();
    StringBuilder docs = new StringBuilder();
    for (String[] a : new String[][] {{"web-stg", "staging"}, {"web-prd", "production"}})
      docs.append("---\napiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: ").append(a[0]).append(", labels: {role: web}}\n")
          .append("spec: {environment: ").append(a[1]).append("}\n");
    docs.append("---\napiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: p2}\nspec: {kind: security, priority: high, version: '2.0'}\n");
    for (String env : List.of("staging", "production"))
      docs.append("---\napiVersion: suture.dev/v1\nkind: Plan\nmetadata: {name: ").append(env).append("}\nspec:\n")
          .append("  targets: {selector: \"env=").append(env).append("\"}\n")
          .append("  executor: {type: fake, apply: [apply, \"{{patch.version}}\"], version: [version]}\n")
          .append("  stages:\n    - wave: {percent: 100}\n");
    store.documents().apply(parser.parse("fixture.yaml", docs.toString()), "tester");
  }

  @AfterEach void tearDown() throws Exception {
    if (engine != null) engine.close();
    if (pool != null) pool.close();
  }

  MockHttpServletResponse call(Actor as, String path, String json) throws Exception {
    acting = as;
    return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json == null ? "{}" : json)).andReturn().getResponse();
  }

  static Map<String, Object> body(MockHttpServletResponse r) throws Exception { return Json.readObject(r.getContentAsString()); }

  String submit(String type, String plan, String extra) throws Exception {
    var r = call(ALICE, "/api/v1/change-requests", "{\"type\":\"" + type + "\",\"patch\":\"p2\",\"plan\":\"" + plan
        + "\",\"title\":\"openssl\"" + extra + "}");
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
    return (String) body(r).get("id");
  }

  @Test void aNormalChangeNeedsTwoOtherPeopleAndNeverItsRequester() throws Exception {
    String id = submit("normal", "production", "");
    var own = call(ALICE, "/api/v1/change-requests/" + id + "/approve", null);
    assertThat(own.getStatus()).isEqualTo(403);
    assertThat(own.getContentAsString()).contains("separation of duties");

    var first = body(call(BOB, "/api/v1/change-requests/" + id + "/approve", "{\"comment\":\"ok\"}"));
    assertThat(first.get("environments")).isEqualTo(List.of("production"));
    assertThat(first.get("quorum")).isEqualTo(Map.of("approvals", 1L, "needed", 2L));
    assertThat(call(BOB, "/api/v1/change-requests/" + id + "/approve", null).getStatus()).isEqualTo(409);
    assertThat(body(call(CAROL, "/api/v1/change-requests/" + id + "/approve", null)).get("state")).isEqualTo("APPROVED");

    acting = BOB;
    var listed = mvc.perform(get("/api/v1/change-requests?state=approved")).andReturn().getResponse();
    assertThat(listed.getContentAsString()).contains(id);
  }

  @Test void badInputNamesTheFieldAndUnknownIdsAre404() throws Exception {
    String id = submit("normal", "production", "");
    var noReason = call(BOB, "/api/v1/change-requests/" + id + "/reject", "{\"reason\":\"  \"}");
    assertThat(noReason.getStatus()).isEqualTo(400);
    assertThat(noReason.getContentAsString()).contains("\"field\":\"reason\"");
    var badType = call(ALICE, "/api/v1/change-requests", "{\"type\":\"urgent\",\"patch\":\"p2\",\"plan\":\"production\",\"title\":\"t\"}");
    assertThat(badType.getStatus()).isEqualTo(400);
    assertThat(badType.getContentAsString()).contains("\"field\":\"type\"");
    var noJustification = call(ALICE, "/api/v1/change-requests", "{\"type\":\"emergency\",\"patch\":\"p2\",\"plan\":\"production\",\"title\":\"t\"}");
    assertThat(noJustification.getContentAsString()).contains("\"field\":\"justification\"");
    assertThat(call(BOB, "/api/v1/change-requests/cr-nope/approve", null).getStatus()).isEqualTo(404);
  }

  @Test void aProductionRolloutWithoutAnApprovedChangeRequestIs409AndCreatesNothing() throws Exception {
    var r = call(ALICE, "/api/v1/rollouts", "{\"plan\":\"production\",\"patch\":\"p2\"}");
    assertThat(r.getStatus()).isEqualTo(409);
    assertThat(r.getContentAsString()).contains("an APPROVED change request for patch p2 and plan production is required");
    String id = submit("normal", "production", "");
    call(BOB, "/api/v1/change-requests/" + id + "/approve", null);
    call(CAROL, "/api/v1/change-requests/" + id + "/approve", null);
    var early = call(ALICE, "/api/v1/rollouts", "{\"plan\":\"production\",\"patch\":\"p2\",\"changeRequest\":\"" + id + "\"}");
    assertThat(early.getStatus()).isEqualTo(409);
    assertThat(early.getContentAsString()).contains("has not yet succeeded in staging");
    assertThat(store.rollouts().list(10)).isEmpty();
    assertThat(call(ALICE, "/api/v1/rollouts", "{\"plan\":\"production\",\"patch\":\"p2\",\"changeRequest\":\"cr-x\"}").getStatus())
        .isEqualTo(400);
  }

  @Test void productionIsAdmittedOnceStagingSucceededAndTheChangeRequestIsImplemented() throws Exception {
    var staging = call(ALICE, "/api/v1/rollouts", "{\"plan\":\"staging\",\"patch\":\"p2\"}");
    assertThat(staging.getStatus()).as("staging needs no change request").isEqualTo(201);
    awaitState((String) body(staging).get("id"), RolloutState.SUCCEEDED);
    String id = submit("normal", "production", "");
    call(BOB, "/api/v1/change-requests/" + id + "/approve", null);
    call(CAROL, "/api/v1/change-requests/" + id + "/approve", null);
    var started = call(ALICE, "/api/v1/rollouts", "{\"plan\":\"production\",\"patch\":\"p2\",\"changeRequest\":\"" + id + "\"}");
    assertThat(started.getStatus()).as(started.getContentAsString()).isEqualTo(201);
    assertThat(store.audit().forSubject("change-request/" + id)).extracting(AuditEvent::action)
        .containsExactly("cr.submitted", "cr.approved", "cr.approved", "cr.implemented");
  }

  /** The engine drives the staging rollout on its own threads; poll the store, moving the manual clock. */
  void awaitState(String rollout, RolloutState state) throws InterruptedException {
    long end = System.currentTimeMillis() + 30_000;
    while (store.rollouts().find(rollout).orElseThrow().state() != state) {
      if (System.currentTimeMillis() > end) {
        var r = store.rollouts().find(rollout).orElseThrow();
        throw new AssertionError("rollout " + rollout + " never reached " + state + "; it is " + r.state() + " (" + r.haltReason()
            + "), targets " + store.rollouts().targets(rollout).stream().map(t -> t.name() + "=" + t.state()).toList()
            + ", audit " + store.audit().forSubject("rollout/" + rollout).stream().map(AuditEvent::action).toList()
            + "; engine threads: " + engineThreads());
      }
      clock.advance(Duration.ofSeconds(1));
      Thread.sleep(10);
    }
  }

  /** Where the engine's threads are, for a failure message (a rare hang seen once under load). */
  private static String engineThreads() {
    StringBuilder b = new StringBuilder();
    Thread.getAllStackTraces().forEach((t, stack) -> {
      if (!t.getName().startsWith("suture-")) return;
      b.append("\n  ").append(t.getName()).append(" ").append(t.getState());
      for (int i = 0; i < Math.min(12, stack.length); i++) b.append("\n    at ").append(stack[i]);
    });
    return b.toString();
  }

  @Test void anEmergencyOverridesThePromotionOrderAndIsImplemented() throws Exception {
    String id = submit("emergency", "production", ",\"justification\":\"exploited in the wild\"");
    call(BOB, "/api/v1/change-requests/" + id + "/approve", null);
    var started = call(ALICE, "/api/v1/rollouts", "{\"plan\":\"production\",\"patch\":\"p2\",\"changeRequest\":\"" + id + "\"}");
    assertThat(started.getStatus()).as(started.getContentAsString()).isEqualTo(201);
    String rollout = (String) body(started).get("id");
    acting = BOB;
    var cr = Json.readObject(mvc.perform(get("/api/v1/change-requests/" + id)).andReturn().getResponse().getContentAsString());
    assertThat(cr.get("state")).isEqualTo("IMPLEMENTED");
    assertThat(cr.get("rollout")).isEqualTo(rollout);
    assertThat(store.audit().forSubject("change-request/" + id)).extracting(AuditEvent::action)
        .containsExactly("cr.submitted", "cr.approved", "cr.promotion_overridden", "cr.implemented");
    var again = call(ALICE, "/api/v1/rollouts", "{\"plan\":\"production\",\"patch\":\"p2\",\"changeRequest\":\"" + id + "\"}");
    assertThat(again.getStatus()).as("one approval admits one rollout").isEqualTo(409);
  }

  @Test void aChangeRequestCancelledWhileItsRolloutIsCreatedAbortsTheRollout() throws Exception {
    String id = submit("emergency", "production", ",\"justification\":\"exploited\"");
    call(BOB, "/api/v1/change-requests/" + id + "/approve", null);
    // Admission reads the APPROVED request; before the rollout exists, the requester cancels it.
    afterNextFind.set(() -> {
      try {
        assertThat(call(ALICE, "/api/v1/change-requests/" + id + "/cancel", null).getStatus()).isEqualTo(200);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    var r = call(ALICE, "/api/v1/rollouts", "{\"plan\":\"production\",\"patch\":\"p2\",\"changeRequest\":\"" + id + "\"}");
    assertThat(r.getStatus()).isEqualTo(409);
    assertThat(r.getContentAsString()).contains("the rollout was aborted").contains("it is CANCELLED");
    String rollout = store.rollouts().list(10).get(0).id();
    awaitState(rollout, RolloutState.ABORTED);
    assertThat(store.audit().forSubject("change-request/" + id)).extracting(AuditEvent::action)
        .containsExactly("cr.submitted", "cr.approved", "cr.cancelled");
  }
}
