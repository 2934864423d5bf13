package dev.suture.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.command.CommandExecutor;
import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.Adapters;
import dev.suture.core.engine.EngineConfig;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.engine.RolloutRequest;
import dev.suture.core.model.Asset;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.prometheus.testing.Exporter;
import dev.suture.prometheus.testing.PrometheusServer;
import dev.suture.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real engine on H2 gating a wave on a real Prometheus: only a passing query lets it through. */
class PrometheusGateRolloutTest {
  private static Exporter exporter;
  private static PrometheusServer prometheus;

  @TempDir Path tmp;
  private final DocumentParser parser = new DocumentParser(Set.of("command"));
  private Store store;
  private RolloutEngine engine;

  @BeforeAll
  static void start() throws Exception {
    PrometheusServer.assumeAvailable();
    exporter = new Exporter();
    prometheus = PrometheusServer.start(exporter);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) prometheus.close();
    if (exporter != null) exporter.close();
  }

  @BeforeEach
  void setUp() {
    store = Store.open(Store.h2FileUrl(tmp.resolve("db")), null, null, 4, Clock.systemUTC(), parser);
    engine = new RolloutEngine(store.rollouts(), store.audit(),
        new Adapters(List.of(new CommandExecutor()), List.of(new PrometheusCheckRunner(new PrometheusClient(), Clock.systemUTC())),
            Optional.empty()), Clock.systemUTC(), EngineConfig.defaults("node-prom").withTick(Duration.ofMillis(20)));
    engine.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    store.close();
  }

  private static void gauge(double v) throws Exception {
    exporter.setGauge(v);
    Live.await(prometheus, "suture_test_gauge", r -> Live.single(r, x -> x == v));
  }

  @Test
  void aHealthyMetricLetsTheWaveThrough() throws Exception {
    gauge(0.005);
    Rollout r = rollout(prometheus.url());
    assertThat(r.state()).as(describe(r)).isEqualTo(RolloutState.SUCCEEDED);
  }

  @Test
  void anInconclusiveMetricHaltsTheRollout() throws Exception {
    gauge(0.2);
    Rollout r = rollout(prometheus.url());
    assertThat(r.state()).as(describe(r)).isNotEqualTo(RolloutState.SUCCEEDED);
    assertThat(describe(r)).contains("inconclusive", "neither failureCondition");
  }

  @Test
  void aStoppedPrometheusHaltsTheRolloutNeverPasses() throws Exception {
    try (Exporter own = new Exporter(); PrometheusServer doomed = PrometheusServer.start(own)) {
      doomed.stop();
      Rollout r = rollout(doomed.url());
      assertThat(r.state()).as(describe(r)).isNotEqualTo(RolloutState.SUCCEEDED);
      assertThat(describe(r)).contains("error", "connection refused");
    }
  }

  private Rollout rollout(String address) throws InterruptedException {
    store.documents().apply(parser.parse("docs.yaml", """
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-1}
        spec: {environment: production, address: 127.0.0.1}
        ---
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-2}
        spec: {environment: production, address: 127.0.0.2}
        ---
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: p-1}
        spec: {kind: security, priority: high, version: '1'}
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: gate}
        spec:
          targets: {selector: "environment=production"}
          executor: {type: command, apply: ["true"], timeout: 5s}
          checks:
            - name: gauge
              prometheus:
                address: ADDRESS
                query: suture_test_gauge
                successCondition: "result[0] < 0.01"
                failureCondition: "result[0] > 0.5"
                timeout: 2s
          stages:
            - wave: {percent: 100, checks: [gauge]}
          onFailure: {rollback: manual, incident: P2}
        """.replace("ADDRESS", address)), "tester");
    List<Asset> assets = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
    Document plan = store.documents().find(DocumentKind.PLAN, "gate").orElseThrow();
    Document patch = store.documents().find(DocumentKind.PATCH, "p-1").orElseThrow();
    String id = engine.create(new RolloutRequest(plan, patch, assets, "tester")).id();
    long end = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < end) {
      Rollout r = store.rollouts().find(id).orElseThrow();
      if (r.state().isTerminal() || (r.state() == RolloutState.HALTED && !engine.isDriving(id))) return r;
      Thread.sleep(50);
    }
    throw new AssertionError("rollout did not end: " + describe(store.rollouts().find(id).orElseThrow()));
  }

  private String describe(Rollout r) {
    return r.state() + " " + r.haltReason() + " " + store.rollouts().targets(r.id()).stream()
        .map(t -> t.asset().name() + "=" + t.state() + (t.error() == null ? "" : "(" + t.error() + ")")).toList();
  }
}
