package dev.suture.server.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.suture.core.auth.Role;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.port.InventoryStore;
import dev.suture.server.SutureServer;
import dev.suture.server.TestTokens;
import dev.suture.store.Store;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The two ways work starts without a person at the keyboard: a feed the server fetches from a URL (here
 * a loopback HTTP server), and the scheduled inventory refresh ({@code suture.inventory.refresh}).
 */
@SpringBootTest(classes = SutureServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:vuln-refresh;DB_CLOSE_DELAY=-1", "suture.inventory.executor=command",
    "suture.inventory.refresh=2s", "suture.inventory.selector=role=refreshed"})
class FeedUrlAndRefreshTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  @LocalServerPort int port;
  @Autowired Store store;
  @Autowired DocumentParser parser;
  @Autowired InventoryStore inventories;
  @Autowired dev.suture.server.security.Accounts accounts;

  HttpResponse<String> post(String token, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test void theServerFetchesAFeedFromAUrlAndRefusesWhatIsNotOne() throws Exception {
    String ops = TestTokens.of(accounts, "ops-url", Role.OPERATOR, Role.VIEWER);
    byte[] zip = VulnerabilityApiTest.zip(Map.of("URL-1.json", VulnerabilityApiTest.advisory("URL-1", "2026-11-01T00:00:00Z", "1.0")));
    HttpServer feeds = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    feeds.createContext("/osv/all.zip", x -> {
      x.sendResponseHeaders(200, zip.length);
      x.getResponseBody().write(zip);
      x.close();
    });
    feeds.start();
    try {
      String base = "http://127.0.0.1:" + feeds.getAddress().getPort();
      HttpResponse<String> r = post(ops, "/feeds/osv/import?url=" + URLEncoder.encode(base + "/osv/all.zip", StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).contains("\"source\":\"" + base + "/osv/all.zip\"").contains("\"inserted\":1");

      HttpResponse<String> missing = post(ops, "/feeds/osv/import?url=" + URLEncoder.encode(base + "/nope.zip", StandardCharsets.UTF_8));
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.body()).contains("url").contains("HTTP 404");
      HttpResponse<String> file = post(ops, "/feeds/osv/import?url=" + URLEncoder.encode("file:///etc/passwd", StandardCharsets.UTF_8));
      assertThat(file.statusCode()).isEqualTo(400);
      assertThat(file.body()).contains("must be an http or https URL");
    } finally {
      feeds.stop(0);
    }
  }

  @Test void theScheduledRefreshCollectsTheSelectedAssetsOnly() throws Exception {
    store.documents().apply(parser.parse("a.yaml", "apiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: refreshed-host, "
        + "labels: {role: refreshed}}\nspec: {environment: production, address: 127.0.0.1}\n---\n"
        + "apiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: other-host}\nspec: {environment: production}\n"), "tester");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (inventories.find("refreshed-host").isEmpty() && System.nanoTime() < deadline) Thread.sleep(200);
    assertThat(inventories.find("refreshed-host")).as("collected by the schedule within 60 s").isPresent()
        .get().satisfies(s -> assertThat(s.source()).isEqualTo("command:dpkg"));
    var first = inventories.find("refreshed-host").orElseThrow().collectedAt();
    while (!inventories.find("refreshed-host").orElseThrow().collectedAt().isAfter(first) && System.nanoTime() < deadline) Thread.sleep(200);
    assertThat(inventories.find("refreshed-host").orElseThrow().collectedAt()).as("collected again on the next period").isAfter(first);
    assertThat(inventories.find("other-host")).as("not selected").isEmpty();
  }
}
