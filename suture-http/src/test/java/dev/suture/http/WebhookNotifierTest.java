package dev.suture.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.port.Notifier;
import dev.suture.core.port.Notifier.NotificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class WebhookNotifierTest extends NotifierContract {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final WebhookNotifier notifier = new WebhookNotifier(Duration.ofSeconds(2));
  private TestServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new TestServer()
        .respond("/hook", 204, "")
        .respond("/hook500", 500, "boom")
        .respond("/moved", 302, "")
        .handle("/slow", exchange -> {
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  @AfterEach
  void stopServer() { server.close(); }

  @Override protected Notifier notifier() { return notifier; }
  @Override protected String acceptingUrl() { return server.url("/hook"); }
  @Override protected String rejectingUrl() { return server.url("/hook500"); }

  @Override protected String unreachableUrl() {
    try {
      return "http://127.0.0.1:" + TestServer.closedPort() + "/hook";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override protected List<Map<String, Object>> delivered() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TestServer.Received r : server.received) {
      if (r.path().equals("/hook")) out.add(parse(r.body()));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) {
    return JSON.readValue(json, Map.class);
  }

  @Test
  void postsJsonWithItsContentType() throws Exception {
    notifier.send(acceptingUrl(), Map.of("event", "x"));
    TestServer.Received r = server.received.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.contentType()).isEqualTo("application/json");
  }

  @Test
  void deliversNestedValuesAndAwkwardStringsIntact() throws Exception {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("text", "He said \"patch\"\nthen\tleft \\ \u0001\u001f é € 😀");
    message.put("count", 3);
    message.put("ratio", 0.25);
    message.put("ok", false);
    message.put("none", null);
    message.put("nested", Map.of("list", List.of(1, "two", true)));
    notifier.send(acceptingUrl(), message);
    assertThat(delivered()).containsExactly(message);
  }

  @Test
  void nonSuccessStatusNamesTheStatus() {
    assertThatThrownBy(() -> notifier.send(rejectingUrl(), Map.of("event", "x")))
        .isInstanceOf(NotificationException.class)
        .hasMessage("webhook http://127.0.0.1:" + server.port() + "/… answered 500");
    assertThatThrownBy(() -> notifier.send(server.url("/moved"), Map.of("event", "x")))
        .hasMessageEndingWith("answered 302");
  }

  @Test
  void unreachableSaysWhy() {
    assertThatThrownBy(() -> notifier.send(unreachableUrl(), Map.of("event", "x")))
        .isInstanceOf(NotificationException.class)
        .hasMessageStartingWith("webhook http://127.0.0.1:").hasMessageEndingWith("/… unreachable: connection refused");
  }

  @Test
  void aReceiverThatNeverAnswersTimesOut() {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> notifier.send(server.url("/slow"), Map.of("event", "x")))
        .isInstanceOf(NotificationException.class).hasMessageContaining("unreachable: timed out after 2000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://127.0.0.1/hook", "file:///etc/passwd", "127.0.0.1/hook", "http:///nohost", "http://a b"})
  void acceptsOnlyHttpAndHttpsUrls(String url) {
    assertThatThrownBy(() -> notifier.send(url, Map.of("event", "x")))
        .isInstanceOf(NotificationException.class).hasMessageStartingWith("webhook URL");
    assertThat(server.received).isEmpty();
  }

  @Test
  void neverRevealsTheSecretPartOfTheUrl() {
    assertThat(WebhookNotifier.redacted(URI.create("https://user:pw@hooks.example.com/services/T0/B0/s3cret?x=1")))
        .isEqualTo("https://hooks.example.com/…");
    assertThat(WebhookNotifier.redacted(URI.create("http://hooks.example.com:8080"))).isEqualTo("http://hooks.example.com:8080");
  }
}
