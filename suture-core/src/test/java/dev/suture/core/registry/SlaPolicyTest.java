package dev.suture.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.model.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlaPolicyTest {
  final Instant proposed = Instant.parse("2026-11-22T10:00:00Z");

  @Test void defaultsFollowSop005() {
    SlaPolicy p = SlaPolicy.defaults();
    assertThat(p.due(Priority.EMERGENCY, proposed)).isEqualTo(proposed.plus(Duration.ofHours(24)));
    assertThat(p.due(Priority.HIGH, proposed)).isEqualTo(proposed.plus(Duration.ofDays(7)));
    assertThat(p.due(Priority.ROUTINE, proposed)).isEqualTo(proposed.plus(Duration.ofDays(30)));
  }

  @Test void routineIsDueAtTheNextWindowOpening() {
    Instant saturday = Instant.parse("2026-11-28T02:00:00Z");
    SlaPolicy p = SlaPolicy.defaults(t -> t.equals(proposed) ? Optional.of(saturday) : Optional.empty());
    assertThat(p.due(Priority.ROUTINE, proposed)).isEqualTo(saturday);
    assertThat(p.due(Priority.HIGH, proposed)).isEqualTo(proposed.plus(Duration.ofDays(7)));
  }

  @Test void aWindowInThePastIsIgnoredForTheFallback() {
    SlaPolicy p = SlaPolicy.defaults(t -> Optional.of(t.minusSeconds(1)));
    assertThat(p.due(Priority.ROUTINE, proposed)).isEqualTo(proposed.plus(Duration.ofDays(30)));
  }

  @Test void everyDurationIsConfigurable() {
    SlaPolicy p = new SlaPolicy(Duration.ofHours(4), Duration.ofDays(3), Duration.ofDays(14), t -> Optional.empty(), 0.5);
    assertThat(p.due(Priority.EMERGENCY, proposed)).isEqualTo(proposed.plus(Duration.ofHours(4)));
    assertThat(p.due(Priority.HIGH, proposed)).isEqualTo(proposed.plus(Duration.ofDays(3)));
    assertThat(p.due(Priority.ROUTINE, proposed)).isEqualTo(proposed.plus(Duration.ofDays(14)));
    assertThat(p.atRiskMargin(proposed, proposed.plus(Duration.ofDays(3)))).isEqualTo(Duration.ofHours(36));
  }

  @Test void aNonPositiveDurationIsRefusedNamingItsProperty() {
    assertThatThrownBy(() -> new SlaPolicy(Duration.ZERO, Duration.ofDays(7), Duration.ofDays(30), t -> Optional.empty(), 0.25))
        .isInstanceOfSatisfying(InvalidFieldsException.class,
            e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("suture.sla.emergency"));
    assertThatThrownBy(() -> new SlaPolicy(Duration.ofHours(1), Duration.ofDays(-7), Duration.ofDays(30), t -> Optional.empty(), 0.25))
        .hasMessageContaining("suture.sla.high");
  }
}
