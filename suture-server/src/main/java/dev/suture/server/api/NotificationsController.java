package dev.suture.server.api;

import dev.suture.core.auth.Role;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.notify.Delivery;
import dev.suture.core.notify.DeliveryState;
import dev.suture.core.notify.NotificationChannel;
import dev.suture.core.notify.NotificationEvent;
import dev.suture.http.NotificationSender;
import dev.suture.server.security.Allow;
import dev.suture.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Delivery state of notifications and the channels they go to. Never shows a payload, a channel's
 * URL path or a routing key: those carry the receivers' secrets.
 */
@RestController
@RequestMapping("/api/v1")
class NotificationsController {
  private final Store store;
  private final Clock clock;

  NotificationsController(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  record DeliveryView(long id, String eventId, String event, String channel, String subject, String state, int attempts,
                      String lastError, Instant nextAttemptAt, Instant createdAt, Instant sentAt) {
    static DeliveryView of(Delivery d) {
      return new DeliveryView(d.id(), d.eventKey(), d.event().eventName(), d.channel(), d.subject(), d.state().name(), d.attempts(),
          d.lastError(), d.state() == DeliveryState.PENDING ? d.nextAttemptAt() : null, d.createdAt(), d.sentAt());
    }
  }

  record ChannelView(String name, String type, String url, List<String> events) {
    static ChannelView of(NotificationChannel c) {
      return new ChannelView(c.name(), c.type().name().toLowerCase(Locale.ROOT), NotificationSender.where(c.url()),
          c.events().stream().map(NotificationEvent::eventName).sorted().toList());
    }
  }

  @Allow({Role.VIEWER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  @GetMapping("/notifications")
  List<DeliveryView> list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "200") int limit) {
    if (limit < 1 || limit > 10_000) throw new FieldException("limit", "must be between 1 and 10000");
    return store.notifications().list(state(state), limit).stream().map(DeliveryView::of).toList();
  }

  @Allow({Role.OPERATOR, Role.ADMIN})
  @PostMapping("/notifications/{id}/retry")
  DeliveryView retry(@PathVariable long id) {
    return DeliveryView.of(store.notifications().retry(id, Actors.current(), clock.instant()));
  }

  @Allow({Role.VIEWER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  @GetMapping("/notification-channels")
  List<ChannelView> channels() {
    return store.documents().list(DocumentKind.NOTIFICATION_CHANNEL).stream()
        .map(d -> ChannelView.of(d.as(NotificationChannel.class))).toList();
  }

  private static Optional<DeliveryState> state(String s) {
    if (s == null || s.isBlank()) return Optional.empty();
    try {
      return Optional.of(DeliveryState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new FieldException("state", "'" + s + "' is not one of pending, sent, dead");
    }
  }
}
