package dev.suture.http;

import dev.suture.core.json.Json;
import dev.suture.core.port.Notifier;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Delivers a notification as a JSON POST. Messages name the webhook by scheme, host and port
 * only: webhook paths often carry the secret (Slack, Teams), and these messages reach logs,
 * the audit trail and the API.
 */
public final class WebhookNotifier implements Notifier {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Duration timeout;
  private final HttpClient client;

  public WebhookNotifier() { this(DEFAULT_TIMEOUT); }

  public WebhookNotifier(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).executor(Exchanges.workers("suture-webhook")).build();
  }

  @Override
  public void send(String url, Map<String, Object> message) throws NotificationException, InterruptedException {
    URI uri = parse(url);
    String where = redacted(uri);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "suture-webhook")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(message), StandardCharsets.UTF_8))
        .build();
    HttpResponse<Void> response;
    try {
      response = Exchanges.send(client, request, HttpResponse.BodyHandlers.discarding(), timeout);
    } catch (IOException e) {
      throw new NotificationException("webhook " + where + " unreachable: " + Exchanges.describe(e, timeout));
    }
    if (response.statusCode() / 100 != 2) {
      throw new NotificationException("webhook " + where + " answered " + response.statusCode());
    }
  }

  private static URI parse(String url) throws NotificationException {
    if (url == null) throw new NotificationException("webhook URL is missing");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new NotificationException("webhook URL is malformed: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new NotificationException("webhook URL must be http or https, not '" + scheme + "'");
    }
    if (uri.getHost() == null) throw new NotificationException("webhook URL has no host");
    return uri;
  }

  /** https://hooks.example.com/services/T0/B0/secret → https://hooks.example.com/… */
  static String redacted(URI uri) {
    String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    boolean more = (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null;
    return base + (more ? "/…" : "");
  }
}
