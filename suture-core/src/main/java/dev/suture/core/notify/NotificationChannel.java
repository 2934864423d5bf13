package dev.suture.core.notify;

import dev.suture.core.model.Names;
import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A place notifications go (kind NotificationChannel). The URL and routing key are secrets: never put them in a message. */
public record NotificationChannel(String name, ChannelType type, URI url, Optional<String> routingKey, Set<NotificationEvent> events) {
  public NotificationChannel {
    Names.require("name", name);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(url, "url");
    routingKey = routingKey == null ? Optional.empty() : routingKey;
    if (type == ChannelType.PAGERDUTY && routingKey.isEmpty()) throw new IllegalArgumentException("routingKey is required for pagerduty");
    events = events == null || events.isEmpty() ? type.defaultEvents() : Set.copyOf(EnumSet.copyOf(events));
  }

  /**
   * Whether this channel gets {@code n}. A notify stage's notice goes only where the plan says: to
   * the channel it names, to its own webhook (no channel), or, naming neither, to every channel
   * that subscribes to notices.
   */
  public boolean accepts(Notification n) {
    if (!events.contains(n.event())) return false;
    if (n.event() != NotificationEvent.ROLLOUT_NOTICE) return true;
    Object channel = n.details().get("channel");
    if (channel != null) return name.equals(channel);
    return !Boolean.TRUE.equals(n.details().get("planWebhook"));
  }
}
