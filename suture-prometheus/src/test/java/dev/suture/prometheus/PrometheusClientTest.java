package dev.suture.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.prometheus.testing.Exporter;
import dev.suture.prometheus.testing.PrometheusServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instant and range queries, rate() and PromQL errors against a real Prometheus scraping {@link Exporter}. */
class PrometheusClientTest {
  private static Exporter exporter;
  private static PrometheusServer prometheus;
  private final PrometheusClient client = new PrometheusClient();

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

  @Test
  void instantQueryReturnsTheScrapedGaugeWithItsLabels() throws Exception {
    exporter.setGauge(0.42);
    Live.await(prometheus, "suture_test_gauge", r -> Live.single(r, v -> v == 0.42));

    QueryResult r = client.instant(prometheus.url(), "suture_test_gauge", Map.of(), Live.TIMEOUT);

    assertThat(r.type()).isEqualTo(QueryResult.ResultType.VECTOR);
    assertThat(r.series()).hasSize(1);
    assertThat(r.series().get(0).labels())
        .containsEntry("__name__", "suture_test_gauge").containsEntry("job", "suture").containsEntry("instance", exporter.target());
    assertThat(r.values()).containsExactly(0.42);
    assertThat(r.series().get(0).points().get(0).time()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
  }

  @Test
  void nanAndInfinityArriveAsDoubles() throws Exception {
    exporter.setGauge(Double.NaN);
    assertThat(Live.await(prometheus, "suture_test_gauge", r -> Live.single(r, v -> v.isNaN())).values()).hasSize(1);
    exporter.setGauge(Double.POSITIVE_INFINITY);
    Live.await(prometheus, "suture_test_gauge", r -> Live.single(r, v -> v == Double.POSITIVE_INFINITY));
    exporter.setGauge(1);
  }

  @Test
  void scalarQueriesAreOneUnlabelledValue() throws Exception {
    QueryResult r = client.instant(prometheus.url(), "scalar(vector(2.5))", Map.of(), Live.TIMEOUT);
    assertThat(r.type()).isEqualTo(QueryResult.ResultType.SCALAR);
    assertThat(r.series()).singleElement().satisfies(s -> assertThat(s.labels()).isEmpty());
    assertThat(r.values()).containsExactly(2.5);
  }

  @Test
  void rangeQueryReturnsAMatrixInTimeOrder() throws Exception {
    exporter.setGauge(3);
    Live.await(prometheus, "count_over_time(suture_test_gauge[1m])", r -> Live.single(r, v -> v >= 3));
    Instant end = Instant.now();

    QueryResult r = client.range(prometheus.url(), "suture_test_gauge", end.minusSeconds(20), end, Duration.ofSeconds(1), Map.of(), Live.TIMEOUT);

    assertThat(r.type()).isEqualTo(QueryResult.ResultType.MATRIX);
    List<QueryResult.Point> points = r.series().get(0).points();
    assertThat(points.size()).isGreaterThanOrEqualTo(3);
    for (int i = 1; i < points.size(); i++) assertThat(points.get(i).time()).isAfter(points.get(i - 1).time());
    assertThat(Duration.between(points.get(0).time(), points.get(1).time())).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void rateOverTheCounterIsPositiveWhileItGrows() throws Exception {
    String query = "rate(suture_test_requests_total[5s])";
    int seen = exporter.scrapes();
    // Grow the counter between scrapes until rate() over the last 5 s has two rising samples.
    QueryResult r = null;
    for (int i = 0; i < 100 && (r == null || !Live.single(r, v -> v > 0)); i++) {
      if (exporter.scrapes() > seen) {
        seen = exporter.scrapes();
        exporter.addToCounter(10);
      }
      r = client.instant(prometheus.url(), query, Map.of(), Live.TIMEOUT);
      Thread.sleep(200);
    }
    assertThat(r.values()).singleElement().satisfies(v -> assertThat(v).isPositive());
    assertThat(r.series().get(0).labels()).containsEntry("code", "200").doesNotContainKey("__name__");
  }

  @Test
  void badPromQlIsAnErrorCarryingPrometheusMessage() {
    assertThatThrownBy(() -> client.instant(prometheus.url(), "rate(suture_test_requests_total[", Map.of(), Live.TIMEOUT))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("HTTP 400").hasMessageContaining("bad_data").hasMessageContaining("parse error")
        .hasMessageContaining(prometheus.url() + "/api/v1/query");
  }

  @Test
  void aNonPrometheusAnswerIsAnErrorNamingTheUrl() {
    String wrong = "http://" + exporter.target() + "/nothing-here";
    assertThatThrownBy(() -> client.instant(wrong, "up", Map.of(), Live.TIMEOUT))
        .isInstanceOf(PrometheusException.class).hasMessageContaining("HTTP 404").hasMessageContaining(wrong + "/api/v1/query");
  }
}
