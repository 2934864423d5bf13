package dev.suture.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.command.CommandExecutor;
import dev.suture.core.audit.AuditEvent;
import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.Adapters;
import dev.suture.core.engine.EngineConfig;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.engine.RolloutRequest;
import dev.suture.core.json.Json;
import dev.suture.core.model.Asset;
import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.prometheus.testing.DemoService;
import dev.suture.prometheus.testing.PrometheusServer;
import dev.suture.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real engine on H2 with judge and burnRate gates over a real Prometheus scraping three demo
 * services (one per target, each on its own loopback address). The rollout's apply command is the
 * fault switch: it POSTs /patch to the target's service (a bad patch raises its error ratio), and
 * its rollback command POSTs /rollback. Wall clock, short intervals: each test takes seconds.
 */
class JudgeAndBurnRateRolloutTest {
  private static final List<String> ADDRESSES = List.of("127.0.0.21", "127.0.0.22", "127.0.0.23");
  private static final String ERROR_RATIO = "sum by (instance) (rate(http_requests_total{instance=~\"({{group.addresses}}):[0-9]+\",code=~\"5..\"}[5s]))"
      + " / sum by (instance) (rate(http_requests_total{instance=~\"({{group.addresses}}):[0-9]+\"}[5s]))";
  private static List<DemoService> services;
  private static PrometheusServer prometheus;

  @TempDir Path tmp;
  private final DocumentParser parser = new DocumentParser(Set.of("command"));
  private Store store;
  private RolloutEngine engine;

  @BeforeAll
  static void start() throws Exception {
    PrometheusServer.assumeAvailable();
    services = ADDRESSES.stream().map(DemoService::new).toList();
    prometheus = PrometheusServer.start(services.stream().map(DemoService::target).toList());
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) prometheus.close();
    if (services != null) services.forEach(DemoService::close);
  }

  @BeforeEach
  void setUp() throws Exception {
    for (DemoService s : services) s.baseErrorRatio(0.01).patchedErrorRatio(0.01).unpatch();
    settle(0.01);
    store = Store.open(Store.h2FileUrl(tmp.resolve("db")), null, null, 4, Clock.systemUTC(), parser);
    PrometheusClient client = new PrometheusClient();
    engine = new RolloutEngine(store.rollouts(), store.audit(),
        new Adapters(List.of(new CommandExecutor()), List.of(new JudgeCheckRunner(client), new BurnRateCheckRunner(client)),
            Optional.empty()), Clock.systemUTC(), EngineConfig.defaults("node-judge").withTick(Duration.ofMillis(20)));
    engine.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    store.close();
  }

  @Test
  void aFaultyCanaryIsJudgedHighAndRolledBack() throws Exception {
    services.forEach(s -> s.patchedErrorRatio(0.3));
    String id = rollout(judgePlan(prometheus.url(), "initialDelay: 6s\n      interval: 3s", "12s"));
    Rollout r = await(id, x -> x.state().isTerminal());

    assertThat(r.state()).as(describe(r)).isEqualTo(RolloutState.ROLLED_BACK);
    // The first measurement may still pass: rate()'s 5s window mixes in the seconds before the patch.
    List<Map<String, Object>> all = measurements(id);
    Map<String, Object> measured = all.get(all.size() - 1);
    assertThat(measured.get("phase")).isEqualTo("failed");
    assertThat(verdict(id).get("outcome")).isEqualTo("halt");
    assertThat((String) measured.get("message")).contains("canary score 0.00: fail", "error-ratio: High",
        "98% interval", "estimate", "tolerance", "mean_ratio", "(< 50)");
    @SuppressWarnings("unchecked") Map<String, Object> figures = (Map<String, Object>) measured.get("figures");
    assertThat(((Number) figures.get("canaryErrorDelta")).doubleValue()).isBetween(0.1, 0.3);
    assertThat(((Number) figures.get("score")).doubleValue()).isZero();
    assertThat(services.stream().noneMatch(DemoService::patched)).as("every touched service restored").isTrue();
  }

  @Test
  void aHealthyCanaryPasses() throws Exception {
    String id = rollout(judgePlan(prometheus.url(), "initialDelay: 6s\n      interval: 3s", "12s"));
    Rollout r = await(id, x -> x.state().isTerminal());

    assertThat(r.state()).as(describe(r)).isEqualTo(RolloutState.SUCCEEDED);
    List<Map<String, Object>> measured = measurements(id);
    assertThat(measured).hasSizeGreaterThanOrEqualTo(2).allSatisfy(m -> {
      assertThat(m.get("phase")).isEqualTo("successful");
      assertThat((String) m.get("message")).contains("canary score 100.00: pass", "error-ratio: Pass");
      assertThat(((Number) m.get("canary")).intValue()).isEqualTo(1);
      assertThat(((Number) m.get("baseline")).intValue()).isEqualTo(2);
    });
    assertThat(services.stream().allMatch(DemoService::patched)).isTrue();
  }

  @Test
  void aPrometheusStoppedDuringTheGateHaltsAfterTheErrorLimitNeverPasses() throws Exception {
    try (PrometheusServer doomed = PrometheusServer.start(services.stream().map(DemoService::target).toList())) {
      settle(doomed, 0.01);
      String id = rollout(judgePlan(doomed.url(), "initialDelay: 4s\n      interval: 1s", "60s"));
      await(id, x -> !measurements(id).isEmpty());
      doomed.stop();
      Rollout r = await(id, x -> x.state().isTerminal());

      assertThat(r.state()).as(describe(r)).isEqualTo(RolloutState.ROLLED_BACK);
      List<Map<String, Object>> measured = measurements(id);
      List<Object> phases = measured.stream().map(m -> m.get("phase")).toList();
      assertThat(phases.subList(phases.size() - 5, phases.size())).as(phases.toString()).containsOnly("error");
      assertThat(measured.get(measured.size() - 1).get("message").toString()).contains("connection refused");
      assertThat(verdict(id).get("outcome")).isEqualTo("halt");
      assertThat(verdict(id).get("reason").toString()).contains("errors: 5 consecutive > limit 4");
    }
  }

  @Test
  void aBurnAboveThreeTimesTheBudgetPausesTheRollout() throws Exception {
    services.forEach(s -> s.baseErrorRatio(0.05).patchedErrorRatio(0.05));
    settle(0.05);
    String id = rollout(burnPlan());
    Rollout r = await(id, x -> x.state() == RolloutState.PAUSED || x.state().isTerminal());

    assertThat(r.state()).as(describe(r)).isEqualTo(RolloutState.PAUSED);
    Map<String, Object> m = measurements(id).get(0);
    assertThat(m.get("phase")).isEqualTo("inconclusive");
    assertThat(m.get("message").toString()).contains("both windows > pause threshold 3 -> PAUSE");
    @SuppressWarnings("unchecked") Map<String, Object> figures = (Map<String, Object>) m.get("figures");
    assertThat(((Number) figures.get("shortBurn")).doubleValue()).isBetween(4.0, 6.0);
    assertThat(((Number) figures.get("longBurn")).doubleValue()).isBetween(4.0, 6.0);
    engine.control(id, ControlVerb.ABORT, "tester");
    assertThat(await(id, x -> x.state().isTerminal()).state()).isEqualTo(RolloutState.ROLLED_BACK);
  }

  @Test
  void aBurnAboveTheHaltThresholdHaltsAndRollsBack() throws Exception {
    services.forEach(s -> s.baseErrorRatio(0.3).patchedErrorRatio(0.3));
    settle(0.3);
    String id = rollout(burnPlan());
    Rollout r = await(id, x -> x.state().isTerminal());

    assertThat(r.state()).as(describe(r)).isEqualTo(RolloutState.ROLLED_BACK);
    Map<String, Object> m = measurements(id).get(0);
    assertThat(m.get("phase")).isEqualTo("failed");
    assertThat(m.get("message").toString()).contains("both windows > halt threshold 14.4 -> HALT");
  }

  private static String judgePlan(String address, String measure, String bake) {
    return """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: judged}
        spec:
          targets: {selector: "environment=production"}
          executor: {type: command, apply: APPLY, rollback: ROLLBACK, timeout: 5s}
          checks:
            - name: canary-judge
              MEASURE
              judge:
                address: ADDRESS
                lookback: 1m
                step: 1s
                timeout: 2s
                metrics:
                  - name: error-ratio
                    errorRate: true
                    direction: increase
                    effectSize: {allowedIncrease: 1.5}
                    query: 'QUERY'
          stages:
            - canary: {count: 1, bake: BAKE, checks: [canary-judge]}
            - wave: {percent: 100}
          onFailure: {rollback: automatic, incident: P2}
        """.replace("MEASURE", measure).replace("ADDRESS", address).replace("QUERY", ERROR_RATIO).replace("BAKE", bake);
  }

  private static String burnPlan() {
    return """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: burning}
        spec:
          targets: {selector: "environment=production"}
          executor: {type: command, apply: APPLY, rollback: ROLLBACK, timeout: 5s}
          checks:
            - name: slo
              interval: 2s
              burnRate:
                address: ADDRESS
                errorRatioQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{window}}])) / sum(rate(http_requests_total[{{window}}]))'
                objective: 99
                shortWindow: 3s
                longWindow: 10s
                timeout: 2s
          stages:
            - wave: {percent: 34, observe: 20s, checks: [slo]}
            - wave: {percent: 100}
          onFailure: {rollback: automatic, incident: P2}
        """.replace("ADDRESS", prometheus.url());
  }

  /** Applies the assets (port as a label, for the curl commands), the patch and the plan; starts a rollout. */
  private String rollout(String plan) {
    String assets = services.stream().map(s -> """
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-%d, labels: {port: "%d"}}
        spec: {environment: production, address: %s}
        ---
        """.formatted(services.indexOf(s) + 1, s.port(), s.address())).collect(Collectors.joining());
    String curl = "[curl, -fsS, -o, /dev/null, -X, POST, 'http://{{target.address}}:{{target.labels.port}}/%s']";
    store.documents().apply(parser.parse("docs.yaml", assets + """
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: p-1}
        spec: {kind: security, priority: high, version: '1'}
        ---
        """ + plan.replace("APPLY", curl.formatted("patch")).replace("ROLLBACK", curl.formatted("rollback"))), "tester");
    List<Asset> assetList = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
    Document p = store.documents().list(DocumentKind.PLAN).get(0);
    Document patch = store.documents().find(DocumentKind.PATCH, "p-1").orElseThrow();
    return engine.create(new RolloutRequest(p, patch, assetList, "tester")).id();
  }

  private Rollout await(String id, Predicate<Rollout> done) throws InterruptedException {
    long end = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < end) {
      Rollout r = store.rollouts().find(id).orElseThrow();
      if (done.test(r)) return r;
      Thread.sleep(50); // polling the engine's progress, an outside event
    }
    throw new AssertionError("rollout did not get there: " + describe(store.rollouts().find(id).orElseThrow()));
  }

  private List<Map<String, Object>> measurements(String id) {
    return events(id, "gate.measured");
  }

  private Map<String, Object> verdict(String id) {
    List<Map<String, Object>> v = events(id, "gate.verdict");
    assertThat(v).isNotEmpty();
    return v.get(v.size() - 1);
  }

  private List<Map<String, Object>> events(String id, String action) {
    return store.audit().forSubject("rollout/" + id).stream().filter(e -> e.action().equals(action))
        .map(AuditEvent::details).map(Json::readObject).toList();
  }

  /** Waits until every service's error ratio, as Prometheus sees it over 10s, is the one set. */
  private static void settle(double ratio) throws Exception { settle(prometheus, ratio); }

  private static void settle(PrometheusServer server, double ratio) throws Exception {
    Live.await(server, "sum by (instance) (rate(http_requests_total{code=\"500\"}[10s])) / sum by (instance) (rate(http_requests_total[10s]))",
        r -> r.values().size() == ADDRESSES.size() && r.values().stream().allMatch(v -> Math.abs(v - ratio) < ratio * 0.2));
  }

  private String describe(Rollout r) {
    return r.state() + " " + r.haltReason() + " " + store.rollouts().targets(r.id()).stream()
        .map(t -> t.asset().name() + "=" + t.state() + (t.error() == null ? "" : "(" + t.error() + ")")).toList()
        + " measurements " + measurements(r.id());
  }
}
