package dev.suture.http;

import dev.suture.core.json.Json;
import dev.suture.core.notify.ChannelType;
import dev.suture.core.notify.Notification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * POSTs one rendered notification. Errors name the receiver by scheme, host and port only
 * (webhook paths carry secrets) because they are stored and shown by the API.
 */
public final class NotificationSender {
  private final Duration timeout;
  private final HttpClient client;

  public NotificationSender(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
        .executor(Exchanges.workers("suture-notify-http")).build();
  }

  /** Delivery failed: non-2xx, timeout, refused, unreachable. The message is safe to store and show. */
  public static final class DeliveryException extends Exception {
    public DeliveryException(String message) { super(message); }
  }

  /** https://hooks.slack.com/services/T0/B0/secret → https://hooks.slack.com/… (safe to log and show). */
  public static String where(URI url) { return WebhookNotifier.redacted(url); }

  public static String body(ChannelType type, Notification n, String eventId, Optional<String> routingKey) {
    Map<String, Object> body = switch (type) {
      case SLACK -> SlackFormat.render(n, eventId);
      case WEBHOOK -> JsonWebhookFormat.render(n, eventId);
      case PAGERDUTY -> PagerDutyFormat.render(n, eventId, routingKey.orElseThrow(() -> new IllegalArgumentException("pagerduty needs a routingKey")));
    };
    return Json.write(body);
  }

  public void post(URI url, String body, String eventId) throws DeliveryException, InterruptedException {
    String where = WebhookNotifier.redacted(url);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "suture-notify")
        .header("X-Suture-Event-Id", eventId)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    HttpResponse<Void> response;
    try {
      response = Exchanges.send(client, request, HttpResponse.BodyHandlers.discarding(), timeout);
    } catch (IOException e) {
      throw new DeliveryException(where + " unreachable: " + Exchanges.describe(e, timeout));
    } catch (IllegalArgumentException e) {
      throw new DeliveryException(where + ": " + e.getMessage());
    }
    if (response.statusCode() / 100 != 2) throw new DeliveryException(where + " answered " + response.statusCode());
  }
}
