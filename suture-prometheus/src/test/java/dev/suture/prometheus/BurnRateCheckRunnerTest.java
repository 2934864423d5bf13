package dev.suture.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.analysis.BurnRatePolicy;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The burnRate runner against a real Prometheus: outcomes, figures, and every way of not knowing. */
class BurnRateCheckRunnerTest {
  /** A constant ratio that still names the window, as the plan requires (a subquery over it). */
  private static final String CONSTANT = "%s + 0 * count_over_time(vector(1)[{{window}}:1s])";
  private static DemoService service;
  private static PrometheusServer prometheus;
  private final BurnRateCheckRunner runner = new BurnRateCheckRunner(new PrometheusClient());

  @BeforeAll
  static void start() throws Exception {
    PrometheusServer.assumeAvailable();
    service = new DemoService("127.0.0.41");
    prometheus = PrometheusServer.start(List.of(service.target()));
    Live.await(prometheus, "count_over_time(up[1m]) >= 3", r -> r.values().size() == 1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) prometheus.close();
    if (service != null) service.close();
  }

  private static GateScope scope(List<Asset> canary) {
    return new GateScope("r1", new Patch("p-1", "t", PatchKind.SECURITY, null, Priority.HIGH, "1", null, null),
        canary, List.of(), Instant.now().minusSeconds(30), Instant.now());
  }

  private static CheckResult run(BurnRateCheckRunner runner, String address, String query, List<Asset> canary) throws Exception {
    CheckSpec check = new CheckSpec("slo", new CheckSpec.BurnRate(address, query, BurnRatePolicy.of(99.9), Duration.ofSeconds(5),
        Duration.ofMinutes(1), Map.of(), Duration.ofSeconds(3)));
    return runner.runForGate(check, scope(canary));
  }

  private CheckResult run(String query) throws Exception { return run(runner, prometheus.url(), query, List.of()); }

  @Test
  void belowThePauseThresholdPassesWithBothBurns() throws Exception {
    CheckResult r = run(CONSTANT.formatted("0.0005"));
    assertThat(r.status()).as(r.message()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.message()).contains("burn rate over 5s and 1m", "budget 1 - 99.9% = 0.001", "0.0005 / 0.001 = 0.5x", "-> CONTINUE");
    assertThat(r.figures()).containsEntry(BurnRateCheckRunner.SHORT_BURN, 0.5).containsEntry(BurnRateCheckRunner.LONG_BURN, 0.5);
  }

  @Test
  void aboveThePauseThresholdIsInconclusiveAboveTheHaltThresholdFails() throws Exception {
    assertThat(run(CONSTANT.formatted("0.005")).status()).isEqualTo(CheckResult.Status.INCONCLUSIVE);
    assertThat(run(CONSTANT.formatted("0.02")).status()).isEqualTo(CheckResult.Status.FAIL);
  }

  @Test
  void theServicesOwnRatioOverEachWindow() throws Exception {
    // The demo service fails 1 % of its requests: 10x a 99.9 % objective's budget, over both windows.
    CheckResult r = run(runner, prometheus.url(), "sum(rate(http_requests_total{code=\"500\",instance=~\"({{group.addresses}}):[0-9]+\"}[{{window}}]))"
        + " / sum(rate(http_requests_total{instance=~\"({{group.addresses}}):[0-9]+\"}[{{window}}]))",
        List.of(new Asset("web-1", "production", service.address(), List.of(), Map.of(), null)));
    assertThat(r.status()).as(r.message()).isEqualTo(CheckResult.Status.INCONCLUSIVE);
    assertThat(r.figures().get(BurnRateCheckRunner.SHORT_BURN)).isBetween(8.0, 12.0);
    assertThat(r.figures().get(BurnRateCheckRunner.LONG_BURN)).isBetween(8.0, 12.0);
  }

  @Test
  void noDataNaNOrSeveralValuesAreErrors() throws Exception {
    CheckResult none = run("sum(rate(no_such_metric[{{window}}]))");
    assertThat(none.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(none.message()).contains("5s window: query returned no data");

    CheckResult nan = run(CONSTANT.formatted("(vector(0) / vector(0))"));
    assertThat(nan.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(nan.message()).contains("shortWindowRatio", "NaN");

    CheckResult several = run("rate(http_requests_total[{{window}}])");
    assertThat(several.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(several.message()).contains("returned 2 values, not one error ratio");
  }

  @Test
  void unreachableOrAnEmptyCanaryIsAnError() throws Exception {
    CheckResult down = run(runner, "http://127.0.0.1:1", CONSTANT.formatted("0.0005"), List.of());
    assertThat(down.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(down.message()).contains("connection refused");

    CheckResult empty = run("sum(rate(http_requests_total{instance=~\"{{group.addresses}}\"}[{{window}}]))");
    assertThat(empty.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(empty.message()).contains("the canary group has no target");
  }
}
