package dev.suture.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which channel gets which notification, notices included. */
class NotificationChannelTest {
  static final URI URL = URI.create("http://127.0.0.1:1/x");
  final NotificationChannel chat = new NotificationChannel("chat", ChannelType.SLACK, URL, Optional.empty(), Set.of());
  final NotificationChannel ops = new NotificationChannel("ops", ChannelType.WEBHOOK, URL, Optional.empty(), Set.of());
  final NotificationChannel haltsOnly = new NotificationChannel("halts", ChannelType.WEBHOOK, URL, Optional.empty(),
      Set.of(NotificationEvent.ROLLOUT_HALTED));

  static Notification n(NotificationEvent e, Map<String, Object> details) {
    return new Notification(1, e, Instant.EPOCH, "a", "rollout/r", "s", details);
  }

  @Test void aNoticeNamingAChannelGoesOnlyThere() {
    Notification notice = n(NotificationEvent.ROLLOUT_NOTICE, Map.of("channel", "ops"));
    assertThat(ops.accepts(notice)).isTrue();
    assertThat(chat.accepts(notice)).isFalse();
  }

  @Test void aNoticeForThePlansWebhookGoesToNoChannel() {
    assertThat(chat.accepts(n(NotificationEvent.ROLLOUT_NOTICE, Map.of("planWebhook", true)))).isFalse();
  }

  @Test void aNoticeNamingNeitherGoesToEverySubscribedChannel() {
    Notification notice = n(NotificationEvent.ROLLOUT_NOTICE, Map.of());
    assertThat(chat.accepts(notice)).isTrue();
    assertThat(ops.accepts(notice)).isTrue();
    assertThat(haltsOnly.accepts(notice)).isFalse();
  }

  @Test void theEventFilterDecidesForEverythingElse() {
    assertThat(haltsOnly.accepts(n(NotificationEvent.ROLLOUT_HALTED, Map.of()))).isTrue();
    assertThat(haltsOnly.accepts(n(NotificationEvent.ROLLOUT_STARTED, Map.of()))).isFalse();
  }

  @Test void pagerDutyNeedsARoutingKey() {
    assertThatThrownBy(() -> new NotificationChannel("pd", ChannelType.PAGERDUTY, URL, Optional.empty(), Set.of()))
        .hasMessageContaining("routingKey");
  }
}
