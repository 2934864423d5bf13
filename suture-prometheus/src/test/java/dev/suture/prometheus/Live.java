package dev.suture.prometheus;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.template.TemplateContext;
import dev.suture.prometheus.testing.PrometheusServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Helpers shared by the tests against a real Prometheus. */
final class Live {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SCRAPE_WAIT = Duration.ofSeconds(20);

  private Live() {}

  static TemplateContext context(String address) {
    Asset target = new Asset("web1", "staging", address, List.of("web"), Map.of("role", "web"), null);
    Patch patch = new Patch("openssl-3.0.13", "OpenSSL fix", PatchKind.SECURITY, null, Priority.HIGH, "3.0.13", null, null);
    return new TemplateContext("r1", patch, target);
  }

  static CheckSpec check(String address, String query, String success, String failure) {
    return new CheckSpec("metric", new CheckSpec.Prometheus(address, query, Optional.empty(), Optional.empty(),
        Optional.ofNullable(success), Optional.ofNullable(failure), Map.of(), TIMEOUT));
  }

  /**
   * Polls until Prometheus' answer to {@code query} satisfies {@code ok}: the test changed the
   * exporter and waits for the next scrape (1 s interval), an outside event, not a time span.
   */
  static QueryResult await(PrometheusServer server, String query, Predicate<QueryResult> ok) throws Exception {
    PrometheusClient client = new PrometheusClient();
    long deadline = System.nanoTime() + SCRAPE_WAIT.toNanos();
    QueryResult last = null;
    while (System.nanoTime() < deadline) {
      last = client.instant(server.url(), query, Map.of(), TIMEOUT);
      if (ok.test(last)) return last;
      Thread.sleep(200);
    }
    throw new AssertionError("no satisfying answer to " + query + " within " + SCRAPE_WAIT + "; last: " + last + "\n" + server.log());
  }

  static boolean single(QueryResult r, Predicate<Double> value) {
    return r.values().size() == 1 && value.test(r.values().get(0));
  }
}
