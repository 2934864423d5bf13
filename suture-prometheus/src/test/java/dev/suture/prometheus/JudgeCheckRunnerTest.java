package dev.suture.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.judge.Direction;
import dev.suture.core.judge.MetricSpec;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.GateScope;
import dev.suture.prometheus.testing.DemoService;
import dev.suture.prometheus.testing.PrometheusServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judge runner against a real Prometheus scraping three demo services. Queries over {@code up}
 * (1 per scraped instance) give exact, known numbers per group: {@code avg} is 1 for both groups,
 * {@code count} is 1 for the canary (one target) and 2 for the baseline (two).
 */
class JudgeCheckRunnerTest {
  private static final String MATCH = "{instance=~\"({{group.addresses}}):[0-9]+\"}";
  private static final String SAME = "avg(up" + MATCH + ")";
  /** 1 or 2, plus a wobble of 0..0.02 over time so that neither group is constant (see tiedGroups...). */
  private static final String SIZE = "count(up" + MATCH + ") + (time() % 3) / 100";
  private static List<DemoService> services;
  private static PrometheusServer prometheus;
  private final JudgeCheckRunner runner = new JudgeCheckRunner(new PrometheusClient());

  @BeforeAll
  static void start() throws Exception {
    PrometheusServer.assumeAvailable();
    services = List.of(new DemoService("127.0.0.31"), new DemoService("127.0.0.32"), new DemoService("127.0.0.33"));
    prometheus = PrometheusServer.start(services.stream().map(DemoService::target).toList());
    // Seven scrapes of every service: the last 4 s (the "gate" of these tests) then have every
    // service in every point, so each group's numbers are exact.
    Live.await(prometheus, "count(count_over_time(up[1m]) >= 7)", r -> Live.single(r, v -> v == 3));
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) prometheus.close();
    if (services != null) services.forEach(DemoService::close);
  }

  private static Asset asset(DemoService s, int i) { return new Asset("web-" + i, "production", s.address(), List.of(), Map.of(), null); }

  private static GateScope scope() {
    List<Asset> all = List.of(asset(services.get(0), 1), asset(services.get(1), 2), asset(services.get(2), 3));
    return new GateScope("r1", new Patch("p-1", "t", PatchKind.SECURITY, null, Priority.HIGH, "1", null, null),
        all.subList(0, 1), all.subList(1, 3), Instant.now().minusSeconds(4), Instant.now());
  }

  private static CheckSpec judge(String address, double pass, double marginal, CheckSpec.JudgeMetric... metrics) {
    return new CheckSpec("judge", new CheckSpec.Judge(address, Duration.ofMinutes(1), Duration.ofSeconds(1), Arrays.asList(metrics),
        pass, marginal, Map.of(), Duration.ofSeconds(3)));
  }

  private static CheckSpec.JudgeMetric metric(String name, String query, Direction direction, boolean errorRate) {
    return new CheckSpec.JudgeMetric(query, MetricSpec.defaults(name).withDirection(direction), errorRate);
  }

  @Test
  void identicalGroupsPassWithScore100() throws Exception {
    CheckResult r = runner.runForGate(judge(prometheus.url(), 95, 75, metric("up", SAME, Direction.EITHER, false)), scope());
    assertThat(r.status()).as(r.message()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.message()).contains("canary score 100.00: pass (pass >= 95, marginal >= 75)", "canary [web-1] vs baseline [web-2, web-3]",
        "up: Pass; canary", "the canary and baseline data are identical", "(< 50)");
    assertThat(r.figures()).containsEntry("score", 100.0).doesNotContainKey(CheckResult.CANARY_ERROR_DELTA);
  }

  @Test
  void aScoreEqualToMarginalIsInconclusiveAndJustBelowFails() throws Exception {
    CheckSpec.JudgeMetric same = metric("up", SAME, Direction.EITHER, false);
    CheckSpec.JudgeMetric size = metric("size", SIZE, Direction.DECREASE, true);
    CheckResult r = runner.runForGate(judge(prometheus.url(), 95, 50, same, size), scope());
    assertThat(r.status()).as(r.message()).isEqualTo(CheckResult.Status.INCONCLUSIVE);
    assertThat(r.message()).contains("canary score 50.00: marginal (inconclusive)", "size: Low; canary",
        "98% interval [", "estimate -1", "mean_ratio 0.5");
    // canary mean - baseline mean of the errorRate metric: 1 - 2 (the wobble is the same in both groups)
    assertThat(r.figures().get(CheckResult.CANARY_ERROR_DELTA)).isBetween(-1.01, -0.99);
    assertThat(r.figures()).containsEntry("score", 50.0);

    CheckResult below = runner.runForGate(judge(prometheus.url(), 95, 50.01, same, size), scope());
    assertThat(below.status()).as(below.message()).isEqualTo(CheckResult.Status.FAIL);
  }

  @Test
  void aScoreEqualToPassPasses() throws Exception {
    CheckResult r = runner.runForGate(judge(prometheus.url(), 50, 10, metric("up", SAME, Direction.EITHER, false),
        metric("size", SIZE, Direction.DECREASE, false)), scope());
    assertThat(r.status()).as(r.message()).isEqualTo(CheckResult.Status.PASS);
  }

  /** Each group constant but different: Mann-Whitney has no interval (nor has R); not a verdict, so an error. */
  @Test
  void tiedGroupsThatDifferAreAnErrorNotAPass() throws Exception {
    CheckResult r = runner.runForGate(judge(prometheus.url(), 95, 75, metric("count", "count(up" + MATCH + ")", Direction.EITHER, false)), scope());
    assertThat(r.status()).as(r.message()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).contains("metric count: cannot judge canary", "[1..1] against baseline", "[2..2]", "all observations are tied");
  }

  @Test
  void aMetricWithoutDataScoresZero() throws Exception {
    CheckResult r = runner.runForGate(judge(prometheus.url(), 95, 75,
        metric("missing", "no_such_metric" + MATCH, Direction.EITHER, true)), scope());
    assertThat(r.status()).as(r.message()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.message()).contains("1 of 1 metrics have no data", "missing: Nodata; canary 0 points, baseline 0 points");
    assertThat(r.figures()).containsEntry("score", 0.0).doesNotContainKey(CheckResult.CANARY_ERROR_DELTA);
  }

  @Test
  void anEmptyGroupIsAnError() throws Exception {
    CheckSpec check = judge(prometheus.url(), 95, 75, metric("up", SAME, Direction.EITHER, false));
    GateScope s = scope();
    CheckResult noBaseline = runner.runForGate(check, new GateScope("r1", s.patch(), s.canary(), List.of(), s.gateStartedAt(), s.now()));
    assertThat(noBaseline.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(noBaseline.message()).contains("no baseline");
    CheckResult noCanary = runner.runForGate(check, new GateScope("r1", s.patch(), List.of(), s.baseline(), s.gateStartedAt(), s.now()));
    assertThat(noCanary.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(noCanary.message()).contains("no canary");
  }

  @Test
  void lessThanOneStepSinceTheGateStartedIsAnError() throws Exception {
    GateScope s = scope();
    GateScope fresh = new GateScope("r1", s.patch(), s.canary(), s.baseline(), s.now().minusMillis(400), s.now());
    CheckResult r = runner.runForGate(judge(prometheus.url(), 95, 75, metric("up", SAME, Direction.EITHER, false)), fresh);
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).contains("only 400 ms of data since the gate started", "initialDelay");
  }

  @Test
  void anUnreachablePrometheusOrBadQueryIsAnErrorNamingTheMetric() throws Exception {
    CheckResult down = runner.runForGate(judge("http://127.0.0.1:1", 95, 75, metric("up", SAME, Direction.EITHER, false)), scope());
    assertThat(down.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(down.message()).contains("metric up: canary query", "connection refused");

    CheckResult bad = runner.runForGate(judge(prometheus.url(), 95, 75, metric("broken", "sum(up" + MATCH, Direction.EITHER, false)), scope());
    assertThat(bad.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(bad.message()).contains("metric broken: canary query", "bad_data");
  }

  @Test
  void anAddressThatCouldLeaveThePromqlStringIsRefused() throws Exception {
    GateScope s = scope();
    Asset evil = new Asset("evil", "production", "1.2.3.4\"}or vector(1)#", List.of(), Map.of(), null);
    GateScope bad = new GateScope("r1", s.patch(), List.of(evil), s.baseline(), s.gateStartedAt(), s.now());
    CheckResult r = runner.runForGate(judge(prometheus.url(), 95, 75, metric("up", SAME, Direction.EITHER, false)), bad);
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).contains("target evil's address", "has the character '\"'");
  }

  @Test
  void perTargetUseIsRefused() throws Exception {
    CheckResult r = runner.run(judge(prometheus.url(), 95, 75, metric("up", SAME, Direction.EITHER, false)), Live.context("127.0.0.1"), null);
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).contains("runs in gates");
  }

  /** The escaping means what it says in Prometheus' own regex engine (RE2), for IPv4, IPv6 and names. */
  @Test
  void escapedValuesMatchThemselvesAndOnlyThemselvesInPrometheus() throws Exception {
    for (String v : List.of("127.0.0.1:9090", "[::1]:80", "web-1_x%eth0", "db.example.com")) {
      assertThat(matches(v, GroupTemplate.escape(v, "a", "address"))).as(v).isTrue();
    }
    assertThat(matches("127x0.0.1", GroupTemplate.escape("127.0.0.1", "a", "address"))).isFalse();
    assertThat(matches("[::2]:80", GroupTemplate.escape("[::1]:80", "a", "address"))).isFalse();
  }

  private static boolean matches(String value, String regex) throws Exception {
    QueryResult r = new PrometheusClient().instant(prometheus.url(), "label_replace(label_replace(vector(1), \"a\", \"" + value
        + "\", \"\", \"\"), \"m\", \"yes\", \"a\", \"" + regex + "\")", Map.of(), Live.TIMEOUT);
    return "yes".equals(r.series().get(0).labels().get("m"));
  }

  @Test
  void windowsRenderAsPromqlDurations() {
    assertThat(GroupTemplate.promDuration(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(GroupTemplate.promDuration(Duration.ofHours(1))).isEqualTo("1h");
    assertThat(GroupTemplate.promDuration(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(GroupTemplate.promDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }
}
