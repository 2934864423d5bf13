package dev.suture.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.contract.CheckRunnerContract;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.template.TemplateContext;
import dev.suture.prometheus.testing.Exporter;
import dev.suture.prometheus.testing.PrometheusServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prometheus check against a real Prometheus: Argo's condition rules, and ERROR whenever it cannot measure. */
class PrometheusCheckRunnerTest extends CheckRunnerContract {
  private static Exporter exporter;
  private static PrometheusServer prometheus;
  private final PrometheusCheckRunner runner = new PrometheusCheckRunner(new PrometheusClient(), Clock.systemUTC());

  @BeforeAll
  static void start() throws Exception {
    PrometheusServer.assumeAvailable();
    exporter = new Exporter();
    prometheus = PrometheusServer.start(exporter);
    gauge(0.005);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) prometheus.close();
    if (exporter != null) exporter.close();
  }

  /** Sets the gauge and waits until Prometheus has scraped it. */
  private static void gauge(double v) throws Exception {
    exporter.setGauge(v);
    Live.await(prometheus, "suture_test_gauge", r -> Live.single(r, x -> Double.compare(x, v) == 0));
  }

  @Override protected CheckRunner runner() { return runner; }
  @Override protected CheckRunner.ExecutorHandle executorHandle() { return (argv, t) -> { throw new AssertionError("no executor"); }; }
  @Override protected TemplateContext context() { return Live.context(exporter.target()); }
  // The gauge stays 0.005 for the contract's cases; the tests below that change it set it back.
  @Override protected CheckSpec healthy() { return Live.check(prometheus.url(), "suture_test_gauge", "result[0] < 0.01", null); }
  @Override protected CheckSpec unhealthy() { return Live.check(prometheus.url(), "suture_test_gauge", "result[0] < 0.001", null); }
  @Override protected CheckSpec unmeasurable() { return Live.check("http://127.0.0.1:1", "up", "result[0] == 1", null); }
  @Override protected CheckSpec naming(String variable) {
    return Live.check(prometheus.url(), "up{instance=\"{{" + variable + "}}\"}", "result[0] == 1", null);
  }
  @Override protected CheckSpec hanging(Duration timeout) {
    return new CheckSpec("metric", new CheckSpec.Prometheus(exporter.hangingAddress(), "up", Optional.empty(), Optional.empty(),
        Optional.of("result[0] == 1"), Optional.empty(), Map.of(), timeout));
  }

  private CheckResult run(CheckSpec spec) throws InterruptedException { return runner.run(spec, context(), executorHandle()); }

  @Test
  void followsArgoFailureFirstThenSuccessElseInconclusive() throws Exception {
    CheckSpec both = Live.check(prometheus.url(), "suture_test_gauge", "result[0] < 0.01", "result[0] > 0.5");
    try {
      assertThat(run(both).status()).isEqualTo(CheckResult.Status.PASS);
      gauge(0.2);
      CheckResult r = run(both);
      assertThat(r.status()).isEqualTo(CheckResult.Status.INCONCLUSIVE);
      assertThat(r.passed()).isFalse();
      assertThat(r.message()).contains("neither", "result [0.2]");
      gauge(0.9);
      assertThat(run(both).status()).isEqualTo(CheckResult.Status.FAIL);
      // Failure is evaluated first: when both hold, the check fails.
      assertThat(run(Live.check(prometheus.url(), "suture_test_gauge", "result[0] > 0", "result[0] > 0.5")).status())
          .isEqualTo(CheckResult.Status.FAIL);
      // Only a failure condition: not holding means healthy.
      assertThat(run(Live.check(prometheus.url(), "suture_test_gauge", null, "result[0] > 1")).status()).isEqualTo(CheckResult.Status.PASS);
    } finally {
      gauge(0.005);
    }
  }

  @Test
  void templatesInTheQueryAreRendered() throws Exception {
    CheckResult r = run(Live.check(prometheus.url(), "up{instance=\"{{target.address}}\"}", "result[0] == 1", null));
    assertThat(r.status()).as(r.message()).isEqualTo(CheckResult.Status.PASS);
  }

  @Test
  void rangeChecksJudgeEverySampleOfTheWindow() throws Exception {
    CheckSpec spec = new CheckSpec("metric", new CheckSpec.Prometheus(prometheus.url(), "suture_test_gauge",
        Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofSeconds(1)),
        Optional.of("len(result) >= 2 && all(result, {# < 0.01})"), Optional.of("any(result, {# > 0.5})"), Map.of(), Live.TIMEOUT));
    // The window must hold only the healthy value (other tests move the gauge) and enough samples.
    Live.await(prometheus, "max_over_time(suture_test_gauge[8s])", r -> Live.single(r, v -> v < 0.01));
    Live.await(prometheus, "count_over_time(suture_test_gauge[6s])", r -> Live.single(r, v -> v >= 5));
    CheckResult r = run(spec);
    assertThat(r.status()).as(r.message()).isEqualTo(CheckResult.Status.PASS);
  }

  @Test
  void aNaNSampleFailsComparisonsButIsNaNSeesIt() throws Exception {
    try {
      gauge(Double.NaN);
      assertThat(run(Live.check(prometheus.url(), "suture_test_gauge", "result[0] < 1", null)).status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(run(Live.check(prometheus.url(), "suture_test_gauge", "!isNaN(result[0])", null)).message()).contains("NaN");
      assertThat(run(Live.check(prometheus.url(), "suture_test_gauge", "result[0] < 1", "isNaN(result[0])")).status())
          .isEqualTo(CheckResult.Status.FAIL);
    } finally {
      gauge(0.005);
    }
  }

  @Test
  void badPromQlIsAnErrorWithPrometheusMessage() throws Exception {
    CheckResult r = run(Live.check(prometheus.url(), "sum(suture_test_gauge", "result[0] < 1", null));
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).contains("bad_data", "parse error");
  }

  @Test
  void noDataIsAnErrorNotAPass() throws Exception {
    CheckResult r = run(Live.check(prometheus.url(), "no_such_metric", null, "len(result) > 0"));
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).contains("no data");
  }

  @Test
  void anIndexBeyondTheResultIsAnError() throws Exception {
    CheckResult r = run(Live.check(prometheus.url(), "suture_test_gauge", "result[1] < 1", null));
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).contains("result[1] does not exist");
  }

  @Test
  void aStoppedPrometheusIsAnErrorNeverAPass() throws Exception {
    try (Exporter own = new Exporter(); PrometheusServer doomed = PrometheusServer.start(own)) {
      CheckSpec spec = Live.check(doomed.url(), "vector(1)", "result[0] == 1", null);
      assertThat(run(spec).status()).isEqualTo(CheckResult.Status.PASS);
      doomed.stop();
      CheckResult r = run(spec);
      assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.message()).contains("connection refused", doomed.url() + "/api/v1/query");
    }
  }
}
