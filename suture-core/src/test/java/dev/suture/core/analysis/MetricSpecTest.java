package dev.suture.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricSpecTest {
  static final Duration MIN = Duration.ofMinutes(1);

  @Test
  void defaultsFollowArgo() {
    MetricSpec s = MetricSpec.of("errors");
    assertThat(s.count()).isEqualTo(1);
    assertThat(s.failureLimit()).isZero();
    assertThat(s.inconclusiveLimit()).isZero();
    assertThat(s.consecutiveErrorLimit()).isEqualTo(4);
    assertThat(s.consecutiveSuccessLimit()).isZero();
    assertThat(s.consecutiveFailureLimit()).isZero();
    assertThat(s.initialDelay()).isEqualTo(Duration.ZERO);
    assertThat(s.dryRun()).isFalse();
  }

  private static void assertField(Runnable r, String field) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidMetricException.class,
        e -> assertThat(e.field()).isEqualTo(field)).hasMessageStartingWith(field + ":");
  }

  @Test
  void rejectsBadFieldsNamingTheField() {
    assertField(() -> MetricSpec.of(" "), "name");
    assertField(() -> MetricSpec.every("m", -1, MIN), "count");
    assertField(() -> MetricSpec.every("m", 3, null), "interval");
    assertField(() -> MetricSpec.every("m", 0, null), "interval");
    assertField(() -> MetricSpec.every("m", 3, Duration.ZERO), "interval");
    assertField(() -> MetricSpec.every("m", 3, MIN).withInitialDelay(Duration.ofSeconds(-1)), "initialDelay");
    assertField(() -> MetricSpec.every("m", 3, MIN).withFailureLimit(-1), "failureLimit");
    assertField(() -> MetricSpec.every("m", 3, MIN).withInconclusiveLimit(-1), "inconclusiveLimit");
    assertField(() -> MetricSpec.every("m", 3, MIN).withConsecutiveErrorLimit(-1), "consecutiveErrorLimit");
    assertField(() -> MetricSpec.every("m", 3, MIN).withConsecutiveSuccessLimit(-1), "consecutiveSuccessLimit");
    assertField(() -> MetricSpec.every("m", 3, MIN).withConsecutiveSuccessLimit(4), "consecutiveSuccessLimit");
    assertField(() -> MetricSpec.every("m", 3, MIN).withConsecutiveFailureLimit(-1), "consecutiveFailureLimit");
    assertField(() -> MetricSpec.every("m", 3, MIN).withConsecutiveFailureLimit(4), "consecutiveFailureLimit");
  }

  @Test
  void namesTheMetricInTheMessage() {
    assertThatThrownBy(() -> MetricSpec.every("latency", 3, MIN).withFailureLimit(-2)).hasMessageContaining("latency");
  }

  @Test
  void indefiniteCountMayCarryStreakLimitsOfAnySize() {
    MetricSpec s = MetricSpec.every("m", 0, MIN).withConsecutiveSuccessLimit(50).withConsecutiveFailureLimit(50);
    assertThat(s.indefinite()).isTrue();
  }
}
