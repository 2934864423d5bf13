package dev.suture.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.port.Notifier;
import dev.suture.core.port.Notifier.NotificationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link Notifier} must do: deliver, or say clearly that it did not. */
abstract class NotifierContract {
  protected abstract Notifier notifier();
  /** An address that accepts notifications. */
  protected abstract String acceptingUrl();
  /** An address that answers but refuses the notification. */
  protected abstract String rejectingUrl();
  /** An address nothing answers at. */
  protected abstract String unreachableUrl();
  /** The messages delivered to {@link #acceptingUrl()} so far, as the receiver decoded them. */
  protected abstract List<Map<String, Object>> delivered() throws Exception;

  @Test
  void deliversTheMessage() throws Exception {
    Map<String, Object> message = Map.of("event", "rollout.halted", "rollout", "r1", "targets", List.of("web1", "web2"));
    notifier().send(acceptingUrl(), message);
    assertThat(delivered()).containsExactly(message);
  }

  @Test
  void aRefusedNotificationThrows() {
    assertThatThrownBy(() -> notifier().send(rejectingUrl(), Map.of("event", "x")))
        .isInstanceOf(NotificationException.class).hasMessageNotContaining("null");
  }

  @Test
  void anUnreachableReceiverThrows() {
    assertThatThrownBy(() -> notifier().send(unreachableUrl(), Map.of("event", "x")))
        .isInstanceOf(NotificationException.class).hasMessageNotContaining("null");
  }
}
