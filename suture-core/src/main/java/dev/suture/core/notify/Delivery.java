package dev.suture.core.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One outbox row: one notification for one channel. {@code eventKey} ("audit sequence:channel")
 * is unique and is sent as X-Suture-Event-Id, so a receiver can drop a redelivery. {@code url} is
 * set only for a plan's own notify webhook (no channel document); it is never shown by the API.
 */
public record Delivery(long id, String eventKey, String channel, NotificationEvent event, String subject, String payload,
                       String url, DeliveryState state, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                       Instant sentAt) {
  /** The channel name of rows that go to a plan's notify webhook. */
  public static final String PLAN_WEBHOOK = "plan-webhook";

  public Delivery {
    Objects.requireNonNull(eventKey, "eventKey");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(state, "state");
    if (attempts < 0) throw new IllegalArgumentException("attempts must not be negative");
  }

  public Notification notification() { return Notification.fromJson(payload); }
}
