package dev.suture.core.change;

import static dev.suture.core.change.ChangeState.APPROVED;
import static dev.suture.core.change.ChangeState.CANCELLED;
import static dev.suture.core.change.ChangeState.IMPLEMENTED;
import static dev.suture.core.change.ChangeState.REJECTED;
import static dev.suture.core.change.ChangeState.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.rollout.IllegalTransitionException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The change request lifecycle, written out by hand so a change to the enum must be deliberate. */
class ChangeStateTest {
  static final Map<ChangeState, Set<ChangeState>> ALLOWED = Map.of(
      SUBMITTED, Set.of(APPROVED, REJECTED, CANCELLED),
      APPROVED, Set.of(IMPLEMENTED, CANCELLED),
      REJECTED, Set.of(),
      CANCELLED, Set.of(),
      IMPLEMENTED, Set.of());

  static Stream<Arguments> allPairs() {
    return Arrays.stream(ChangeState.values()).flatMap(from -> Arrays.stream(ChangeState.values()).map(to -> Arguments.of(from, to)));
  }

  static Stream<Arguments> legalPairs() { return allPairs().filter(a -> ALLOWED.get((ChangeState) a.get()[0]).contains((ChangeState) a.get()[1])); }

  static Stream<Arguments> illegalPairs() { return allPairs().filter(a -> !ALLOWED.get((ChangeState) a.get()[0]).contains((ChangeState) a.get()[1])); }

  @ParameterizedTest(name = "{0} -> {1}") @MethodSource("legalPairs")
  void allowsTheDocumentedTransitions(ChangeState from, ChangeState to) {
    assertThat(from.transitionTo(to)).isEqualTo(to);
  }

  @ParameterizedTest(name = "{0} -/-> {1}") @MethodSource("illegalPairs")
  void refusesEveryOtherTransition(ChangeState from, ChangeState to) {
    assertThat(from.canTransitionTo(to)).isFalse();
    assertThatThrownBy(() -> from.transitionTo(to)).isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining(from + " -> " + to);
  }

  @Test void rejectedCancelledAndImplementedAreTerminal() {
    assertThat(Arrays.stream(ChangeState.values()).filter(ChangeState::isTerminal)).containsExactlyInAnyOrder(REJECTED, CANCELLED, IMPLEMENTED);
    assertThat(SUBMITTED.allowedNext()).isEqualTo(ALLOWED.get(SUBMITTED));
    assertThat(IMPLEMENTED.allowedNext()).isEmpty();
  }
}
