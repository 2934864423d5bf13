package dev.suture.core.incident;

import static dev.suture.core.incident.IncidentState.CLOSED;
import static dev.suture.core.incident.IncidentState.MITIGATED;
import static dev.suture.core.incident.IncidentState.OPEN;
import static dev.suture.core.incident.IncidentState.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.registry.InvalidFieldsException;
import dev.suture.core.rollout.IllegalTransitionException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IncidentStateTest {
  static final Map<IncidentState, Set<IncidentState>> ALLOWED = Map.of(
      OPEN, Set.of(MITIGATED), MITIGATED, Set.of(RESOLVED), RESOLVED, Set.of(CLOSED), CLOSED, Set.of());

  static Stream<Arguments> illegalPairs() {
    return Arrays.stream(IncidentState.values()).flatMap(f -> Arrays.stream(IncidentState.values()).map(t -> Arguments.of(f, t)))
        .filter(a -> !ALLOWED.get((IncidentState) a.get()[0]).contains((IncidentState) a.get()[1]));
  }

  @Test void walksOpenMitigatedResolvedClosedInOrder() {
    assertThat(OPEN.transitionTo(MITIGATED).transitionTo(RESOLVED).transitionTo(CLOSED)).isEqualTo(CLOSED);
    for (IncidentState s : IncidentState.values()) assertThat(s.allowedNext()).containsExactlyInAnyOrderElementsOf(ALLOWED.get(s));
  }

  @ParameterizedTest(name = "{0} -> {1}") @MethodSource("illegalPairs")
  void illegalMoveIsRefused(IncidentState from, IncidentState to) {
    assertThatThrownBy(() -> from.transitionTo(to)).isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("incident transition " + from + " -> " + to);
  }

  @Test void onlyClosedIsTerminal() {
    assertThat(Arrays.stream(IncidentState.values()).filter(IncidentState::isTerminal)).containsExactly(CLOSED);
  }

  @Test void parsesTheEnginesSpellingAndPeoplesAndNamesTheFieldOtherwise() {
    assertThat(IncidentState.parse("to", "OPEN")).isEqualTo(OPEN);
    assertThat(IncidentState.parse("to", " mitigated ")).isEqualTo(MITIGATED);
    assertThatThrownBy(() -> IncidentState.parse("to", "done")).isInstanceOf(InvalidFieldsException.class).hasMessageStartingWith("to: 'done'");
  }
}
