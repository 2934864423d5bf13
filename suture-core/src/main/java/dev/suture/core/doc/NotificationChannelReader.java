package dev.suture.core.doc;

import dev.suture.core.notify.ChannelType;
import dev.suture.core.notify.NotificationChannel;
import dev.suture.core.notify.NotificationEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** kind NotificationChannel: where notifications go (type, url, routingKey, events). */
final class NotificationChannelReader {
  private static final Set<String> SPEC = Set.of("type", "url", "routingKey", "events");

  private NotificationChannelReader() {}

  static NotificationChannel read(String name, Node specNode) {
    Fields spec = new Fields(specNode, SPEC);
    Optional<ChannelType> type = spec.enumValue("type", ChannelType.class);
    if (!spec.has("type")) specNode.errorAt(specNode.child("type"), "is required (slack, webhook, pagerduty)");
    Optional<URI> url = spec.requiredText("url").flatMap(u -> url(spec.node("url").get(), u));
    Optional<String> routingKey = spec.text("routingKey").filter(k -> !k.isBlank());
    if (type.filter(t -> t == ChannelType.PAGERDUTY).isPresent() && routingKey.isEmpty())
      specNode.errorAt(specNode.child("routingKey"), "is required for type pagerduty (the integration's routing key)");
    if (type.filter(t -> t != ChannelType.PAGERDUTY).isPresent() && routingKey.isPresent())
      spec.node("routingKey").get().error("is only used by type pagerduty");
    EnumSet<NotificationEvent> events = EnumSet.noneOf(NotificationEvent.class);
    spec.node("events").ifPresent(n -> {
      for (Node item : n.items()) {
        String e = item.scalar();
        if (e == null) item.error("must be an event name");
        else NotificationEvent.fromName(e.trim()).ifPresentOrElse(events::add,
            () -> item.error("'" + e + "' is not a notification event (one of " + known() + ")"));
      }
    });
    if (type.isEmpty() || url.isEmpty()) return null;
    if (type.get() == ChannelType.PAGERDUTY && routingKey.isEmpty()) return null;
    return new NotificationChannel(name, type.get(), url.get(), routingKey, events);
  }

  private static Optional<URI> url(Node n, String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      n.error("is not a valid URL: " + e.getReason());
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      n.error("must start with http:// or https://");
      return Optional.empty();
    }
    if (uri.getHost() == null) {
      n.error("has no host");
      return Optional.empty();
    }
    return Optional.of(uri);
  }

  private static String known() {
    return String.join(", ", Arrays.stream(NotificationEvent.values()).map(NotificationEvent::eventName).toList());
  }
}
