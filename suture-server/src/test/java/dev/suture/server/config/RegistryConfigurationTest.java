package dev.suture.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.model.Priority;
import dev.suture.core.registry.InvalidFieldsException;
import dev.suture.core.registry.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class RegistryConfigurationTest {
  final Instant t = Instant.parse("2026-11-22T10:00:00Z");
  final RegistryConfiguration config = new RegistryConfiguration();

  @SuppressWarnings({"unchecked", "rawtypes"})
  SlaPolicy policy(Map<String, Object> beans, String emergency, String high, String fallback) {
    var provider = new StaticListableBeanFactory(beans).getBeanProvider((Class<Function<Instant, Optional<Instant>>>) (Class) Function.class);
    return config.slaPolicy(emergency, high, fallback, provider);
  }

  @Test void durationsComeFromThePropertiesAndRoutineFallsBackWithoutWindows() {
    SlaPolicy p = policy(Map.of(), "4h", "3d", "14d");
    assertThat(p.due(Priority.EMERGENCY, t)).isEqualTo(t.plus(Duration.ofHours(4)));
    assertThat(p.due(Priority.HIGH, t)).isEqualTo(t.plus(Duration.ofDays(3)));
    assertThat(p.due(Priority.ROUTINE, t)).isEqualTo(t.plus(Duration.ofDays(14)));
  }

  @Test void aNextWindowOpeningBeanMakesRoutineDueAtTheWindow() {
    Function<Instant, Optional<Instant>> windows = from -> Optional.of(from.plus(Duration.ofDays(2)));
    SlaPolicy p = policy(Map.of("nextWindowOpening", windows), "24h", "7d", "30d");
    assertThat(p.due(Priority.ROUTINE, t)).isEqualTo(t.plus(Duration.ofDays(2)));
  }

  @Test void aBadDurationStopsStartupNamingItsProperty() {
    assertThatThrownBy(() -> policy(Map.of(), "24h", "a week", "30d")).isInstanceOfSatisfying(InvalidFieldsException.class,
        e -> assertThat(e.problems().get(0).field()).isEqualTo("suture.sla.high"));
    assertThatThrownBy(() -> policy(Map.of(), "0s", "7d", "30d")).hasMessageContaining("suture.sla.emergency");
  }
}
