package dev.suture.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.rollout.IllegalTransitionException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class DeliveryStateTest {
  static final Map<DeliveryState, Set<DeliveryState>> ALLOWED = Map.of(
      DeliveryState.PENDING, Set.of(DeliveryState.PENDING, DeliveryState.SENT, DeliveryState.DEAD),
      DeliveryState.DEAD, Set.of(DeliveryState.PENDING),
      DeliveryState.SENT, Set.of());

  @ParameterizedTest @EnumSource(DeliveryState.class)
  void allowsExactlyTheListedTransitions(DeliveryState from) {
    for (DeliveryState to : DeliveryState.values()) {
      if (ALLOWED.get(from).contains(to)) assertThat(from.transitionTo(to)).isEqualTo(to);
      else assertThatThrownBy(() -> from.transitionTo(to)).isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining(from + " -> " + to);
    }
    assertThat(from.isTerminal()).isEqualTo(from == DeliveryState.SENT);
  }

  @Test void sentCannotBeRetried() {
    assertThatThrownBy(() -> DeliveryState.SENT.transitionTo(DeliveryState.PENDING)).isInstanceOf(IllegalTransitionException.class);
  }

  @Test void deadCannotBeMarkedSentWithoutARetry() {
    assertThatThrownBy(() -> DeliveryState.DEAD.transitionTo(DeliveryState.SENT)).isInstanceOf(IllegalTransitionException.class);
  }

  @Test void backoffDoublesFromFiveSecondsToTenMinutes() {
    Backoff b = Backoff.DEFAULT;
    assertThat(b.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.delayAfter(7)).isEqualTo(Duration.ofSeconds(320));
    assertThat(b.delayAfter(8)).isEqualTo(Duration.ofMinutes(10));
    assertThat(b.delayAfter(100)).isEqualTo(Duration.ofMinutes(10));
    assertThat(b.exhausted(11)).isFalse();
    assertThat(b.exhausted(12)).isTrue();
  }

  @Test void backoffRejectsNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3)).hasMessageContaining("initial");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3)).hasMessageContaining("max");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)).hasMessageContaining("maxAttempts");
  }
}
