package dev.suture.server.config;

import dev.suture.core.doc.Durations;
import dev.suture.core.notify.Backoff;
import dev.suture.http.NotificationDispatcher;
import dev.suture.http.NotificationSender;
import dev.suture.store.Store;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Notifications (docs/notifications.md): the dispatcher relays the audit log into the outbox and
 * sends what is due. Every node runs one; the cursor lock and row claims keep them apart.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationConfiguration {
  @Bean NotificationSender notificationSender(@Value("${suture.notifications.timeout:10s}") String timeout) {
    return new NotificationSender(duration("suture.notifications.timeout", timeout));
  }

  @Bean(destroyMethod = "close") NotificationDispatcher notificationDispatcher(Store store, NotificationSender sender, Clock clock,
      @Value("${suture.notifications.poll-interval:500ms}") String poll,
      @Value("${suture.notifications.timeout:10s}") String timeout,
      @Value("${suture.notifications.backoff-initial:5s}") String initial,
      @Value("${suture.notifications.backoff-max:10m}") String max,
      @Value("${suture.notifications.max-attempts:12}") int maxAttempts) {
    Duration sendTimeout = duration("suture.notifications.timeout", timeout);
    // A claim must outlast a send, or a slow receiver would see the same row from two nodes at once.
    Duration hold = sendTimeout.multipliedBy(3).plusSeconds(30);
    Backoff backoff = new Backoff(duration("suture.notifications.backoff-initial", initial),
        duration("suture.notifications.backoff-max", max), maxAttempts);
    return new NotificationDispatcher(store.notifications(), store.documents(), sender, clock,
        new NotificationDispatcher.Config(duration("suture.notifications.poll-interval", poll), hold, 100, 4, backoff));
  }

  private static Duration duration(String property, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
    }
  }

  /** Start sending only once the server is fully up (as the engine does). */
  @Bean DispatcherStarter notificationDispatcherStarter(NotificationDispatcher dispatcher) { return new DispatcherStarter(dispatcher); }

  public record DispatcherStarter(NotificationDispatcher dispatcher) {
    @EventListener(ApplicationReadyEvent.class)
    public void start() { dispatcher.start(); }
  }
}
