package dev.suture.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.engine.RolloutRequest;
import dev.suture.core.json.Json;
import dev.suture.core.metrics.MetricNames;
import dev.suture.core.model.Asset;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.server.SutureServer;
import dev.suture.server.TestTokens;
import dev.suture.server.security.Accounts;
import dev.suture.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The programme metrics through the whole server: a real rollout (command executor, real child
 * processes) on H2, then /actuator/prometheus scraped over HTTP with a bearer token; the Grafana
 * dashboards' queries checked against what the scrape exports; the annotations endpoint.
 */
@SpringBootTest(classes = SutureServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:metrics-endpoint;DB_CLOSE_DELAY=-1", "suture.metrics.interval=300ms"})
class MetricsEndpointTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Path DASHBOARDS = Path.of("..", "deploy", "grafana");
  @LocalServerPort int port;
  @Autowired Store store;
  @Autowired DocumentParser parser;
  @Autowired RolloutEngine engine;
  @Autowired Accounts accounts;
  @TempDir Path tmp;

  HttpResponse<String> get(String token, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Metric name → (labels text → value) from the Prometheus text format. */
  Map<String, Map<String, String>> scrape(String token) throws Exception {
    HttpResponse<String> r = get(token, "/actuator/prometheus");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Map<String, String>> out = new HashMap<>();
    for (String line : r.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
      String labels = brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
      out.computeIfAbsent(name, k -> new HashMap<>()).put(labels, line.substring(space + 1));
    }
    return out;
  }

  Rollout runRollout() throws Exception { return awaitEnd(startRollout("precheck: {checks: [ok]}")); }

  /** One production asset, a security patch and a plan whose first stage is {@code firstStage}. */
  Rollout startRollout(String firstStage) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("web-1"));
    Files.writeString(dir.resolve("version"), "1.0");
    String yaml = "apiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: web-1, labels: {dir: \"" + dir + "\"}}\n"
        + "spec: {environment: production}\n---\n"
        + "apiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: openssl-3}\n"
        + "spec: {kind: security, priority: emergency, version: '2.0', tickets: [SEC-1], cves: [CVE-2026-1]}\n---\n"
        + "apiVersion: suture.dev/v1\nkind: Plan\nmetadata: {name: metrics}\nspec:\n  targets: {selector: \"environment=production\"}\n"
        + "  executor:\n    type: command\n    apply: [\"sh\", \"-c\", \"printf %s \\\"$1\\\" > \\\"$2/version\\\"\", \"apply\", "
        + "\"{{patch.version}}\", \"{{target.labels.dir}}\"]\n    version: [\"cat\", \"{{target.labels.dir}}/version\"]\n"
        + "  checks:\n    - {name: ok, command: {argv: [\"true\"]}}\n"
        + "  stages:\n    - " + firstStage + "\n    - wave: {percent: 100}\n    - verify: {checks: [ok]}\n";
    store.documents().apply(parser.parse("metrics.yaml", yaml), "test");
    List<Asset> assets = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
    return engine.create(new RolloutRequest(store.documents().find(DocumentKind.PLAN, "metrics").orElseThrow(),
        store.documents().find(DocumentKind.PATCH, "openssl-3").orElseThrow(), assets, "test"));
  }

  Rollout awaitEnd(Rollout r) throws Exception {
    long end = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < end) {
      Rollout now = store.rollouts().find(r.id()).orElseThrow();
      if (now.state().isTerminal()) return now;
      Thread.sleep(50);
    }
    throw new AssertionError("rollout did not end");
  }

  /** Polls the scrape until {@code name{labels}} has {@code value} (the metrics are recomputed every 300 ms). */
  Map<String, Map<String, String>> awaitValue(String token, String name, String labels, String value) throws Exception {
    long end = System.currentTimeMillis() + 20_000;
    Map<String, Map<String, String>> s = scrape(token);
    while (!value.equals(s.getOrDefault(name, Map.of()).get(labels))) {
      if (System.currentTimeMillis() > end) throw new AssertionError(name + labels + " never became " + value + ": " + s.get(name));
      Thread.sleep(100);
      s = scrape(token);
    }
    return s;
  }

  @Test void theScrapeExportsAllTenProgrammeMetricsComputedFromARealRolloutAndTheDashboardsUseOnlyThem() throws Exception {
    String viewer = TestTokens.of(accounts, "grafana-" + System.nanoTime(), dev.suture.core.auth.Role.VIEWER);
    assertThat(get(null, "/actuator/prometheus").statusCode()).isEqualTo(401);

    Rollout r = runRollout();
    assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED);
    Map<String, Map<String, String>> s = awaitValue(viewer, MetricNames.M2_SUCCESS, "", "1.0");

    for (String m : List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10"))
      assertThat(s.keySet()).as("an M-metric for " + m).anyMatch(n -> n.startsWith("suture_" + m + "_"));
    // every metric comes from the same pass, but the pass that first saw M2 = 1.0 may predate this rollout
    s = awaitValue(viewer, MetricNames.M8_GAP, "", "0.0");
    // one target per rollout; the other test of this class may have run a rollout on the same database first
    long succeeded = store.rollouts().list(100).stream().filter(x -> x.state() == RolloutState.SUCCEEDED).count();
    assertThat(s.get(MetricNames.M9_STARTED)).containsEntry("", succeeded + ".0");
    // M5 comes from findings: web-1 has no inventory, so it is unknown (not covered) and nothing is assessed.
    assertThat(s.get(MetricNames.M5_COVERAGE)).containsEntry("{environment=\"all\"}", "NaN");
    assertThat(s.get(MetricNames.M5_WITHOUT_INVENTORY)).containsEntry("{environment=\"production\"}", "1.0");
    assertThat(s.get(MetricNames.M6_PATCHES)).containsEntry("{priority=\"all\"}", "0.0");
    assertThat(s.get(MetricNames.ROLLOUTS)).containsEntry("{state=\"succeeded\"}", succeeded + ".0");
    // production without a change request and without a registry record: incomplete
    assertThat(s.get(MetricNames.M10_COMPLETE)).containsEntry("{priority=\"emergency\"}", "0.0");
    assertThat(s.get(MetricNames.AUDIT_INTACT)).containsEntry("", "1.0");

    // A rollout waiting at an approval stage: its progress rows exist while it has not ended.
    Rollout waiting = startRollout("approval: {message: hold}");
    // A scrape may land while a pass registers new gauges one by one; the rollout's active gauge is
    // registered after its targets and progress, so once it is seen the others are there too.
    s = awaitValue(viewer, MetricNames.ROLLOUT_ACTIVE, "{patch=\"openssl-3\",plan=\"metrics\",rollout=\"" + waiting.id()
        + "\",state=\"running\"}", "1.0");
    assertThat(s.get(MetricNames.ROLLOUT_PROGRESS)).containsEntry("{rollout=\"" + waiting.id() + "\"}", "0.0");
    assertThat(s.get(MetricNames.ROLLOUT_TARGETS)).containsEntry("{rollout=\"" + waiting.id() + "\",state=\"pending\"}", "1.0");
    engine.control(waiting.id(), dev.suture.core.rollout.ControlVerb.ABORT, "test");

    // Every metric name a dashboard query uses is exported by this scrape. The per-rollout canary
    // delta exists only while a judge gate measures; it is registered (MetricNames) and checked there.
    Set<String> exported = s.keySet();
    List<Path> files;
    try (Stream<Path> list = Files.list(DASHBOARDS)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("executive.json", "on-call.json", "debug.json");
    Set<String> always = Set.of(MetricNames.M3_DELTA);
    for (Path f : files) {
      Object dashboard = Json.read(Files.readString(f));
      List<String> exprs = new ArrayList<>();
      collect(dashboard, "expr", exprs);
      assertThat(exprs).as(f + " has panel queries").isNotEmpty();
      for (String expr : exprs) {
        Set<String> names = metricNames(expr);
        assertThat(names).as(f + ": '" + expr + "' queries a Suture metric").isNotEmpty();
        for (String n : names)
          assertThat(exported.contains(n) || always.contains(n) && MetricNames.HELP.containsKey(n))
              .as(f + ": '" + expr + "' uses " + n + ", which the scrape does not export").isTrue();
      }
    }
  }

  static Set<String> metricNames(String expr) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = Pattern.compile("\\b(suture_[a-z0-9_]+)\\b").matcher(expr);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  @SuppressWarnings("unchecked")
  static void collect(Object node, String key, List<String> out) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (key.equals(k) && v instanceof String s) out.add(s);
        else collect(v, key, out);
      });
    } else if (node instanceof List<?> list) list.forEach(v -> collect(v, key, out));
  }

  @Test void annotationsListRolloutsAsGrafanaRegionsAndEventsAndRefuseBadRanges() throws Exception {
    String viewer = TestTokens.of(accounts, "ann-" + System.nanoTime(), dev.suture.core.auth.Role.VIEWER);
    Rollout r = runRollout();
    long now = System.currentTimeMillis() + 1000;
    HttpResponse<String> res = get(viewer, "/api/v1/annotations?from=" + (now - 3_600_000) + "&to=" + now);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    @SuppressWarnings("unchecked") List<Map<String, Object>> list = (List<Map<String, Object>>) Json.read(res.body());
    List<Map<String, Object>> mine = list.stream().filter(a -> ((List<?>) a.get("tags")).contains(r.id())).toList();
    assertThat(mine).anySatisfy(a -> {
      assertThat(a.get("title")).isEqualTo("rollout " + r.id());
      assertThat(a.get("tags")).isEqualTo(List.of(r.id(), "openssl-3", "metrics", "succeeded"));
      assertThat(((Number) a.get("time")).longValue()).isEqualTo(r.createdAt().toEpochMilli());
      assertThat(((Number) a.get("timeEnd")).longValue()).isGreaterThanOrEqualTo(r.createdAt().toEpochMilli());
    });
    assertThat(mine).extracting(a -> (String) a.get("title")).contains("rollout.started " + r.id(), "rollout.succeeded " + r.id());

    HttpResponse<String> before = get(viewer, "/api/v1/annotations?from=0&to=" + (r.createdAt().toEpochMilli() - 1));
    assertThat(before.body()).doesNotContain(r.id());
    HttpResponse<String> bad = get(viewer, "/api/v1/annotations?from=yesterday&to=" + now);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("from");
    assertThat(get(viewer, "/api/v1/annotations?from=" + now + "&to=0").body()).contains("to");
    assertThat(get(viewer, "/api/v1/annotations?to=" + now).statusCode()).isEqualTo(400);
    assertThat(get(null, "/api/v1/annotations?from=0&to=" + now).statusCode()).isEqualTo(401);
  }
}
