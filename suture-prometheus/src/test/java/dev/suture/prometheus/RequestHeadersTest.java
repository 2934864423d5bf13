package dev.suture.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What goes on the wire: configured headers (auth for a protected Prometheus), paths and parameters. */
class RequestHeadersTest {
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() { if (server != null) server.stop(0); }

  private String serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/prefix/api/v1/", exchange -> {
      seen.add(exchange.getRequestURI().getPath() + " " + URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8)
          + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/prefix/";
  }

  @Test
  void sendsHeadersAndKeepsAnAddressPrefix() throws Exception {
    String address = serve();
    PrometheusClient client = new PrometheusClient();
    client.instant(address, "up{a=\"b c\"}", Map.of("Authorization", "Bearer t0k"), Duration.ofSeconds(2));
    client.range(address, "up", Instant.ofEpochMilli(1_700_000_000_000L), Instant.ofEpochMilli(1_700_000_060_500L),
        Duration.ofSeconds(15), Map.of("Authorization", "Basic dTpw"), Duration.ofSeconds(2));

    assertThat(seen).containsExactly(
        "/prefix/api/v1/query query=up{a=\"b c\"}&timeout=2000ms auth=Bearer t0k",
        "/prefix/api/v1/query_range query=up&start=1700000000.000&end=1700000060.500&step=15000ms&timeout=2000ms auth=Basic dTpw");
  }
}
