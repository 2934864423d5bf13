package dev.suture.core.rollout;

import static dev.suture.core.rollout.TargetState.APPLYING;
import static dev.suture.core.rollout.TargetState.FAILED;
import static dev.suture.core.rollout.TargetState.HEALTHY;
import static dev.suture.core.rollout.TargetState.PENDING;
import static dev.suture.core.rollout.TargetState.ROLLBACK_FAILED;
import static dev.suture.core.rollout.TargetState.ROLLED_BACK;
import static dev.suture.core.rollout.TargetState.ROLLING_BACK;
import static dev.suture.core.rollout.TargetState.SKIPPED;
import static dev.suture.core.rollout.TargetState.SNAPSHOTTING;
import static dev.suture.core.rollout.TargetState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A target's lifecycle from DESIGN §3, written out by hand so a change to the enum must be deliberate. */
class TargetStateTest {

  static final Map<TargetState, Set<TargetState>> ALLOWED = Map.ofEntries(
      Map.entry(PENDING, Set.of(SNAPSHOTTING, APPLYING, SKIPPED, FAILED)),
      Map.entry(SNAPSHOTTING, Set.of(APPLYING, FAILED)),
      Map.entry(APPLYING, Set.of(VERIFYING, FAILED)),
      Map.entry(VERIFYING, Set.of(HEALTHY, FAILED)),
      Map.entry(HEALTHY, Set.of(ROLLING_BACK)),
      Map.entry(FAILED, Set.of(ROLLING_BACK)),
      Map.entry(ROLLING_BACK, Set.of(ROLLED_BACK, ROLLBACK_FAILED)),
      Map.entry(ROLLED_BACK, Set.of()),
      Map.entry(ROLLBACK_FAILED, Set.of()),
      Map.entry(SKIPPED, Set.of()));

  static Stream<Arguments> allPairs() {
    return Arrays.stream(TargetState.values())
        .flatMap(from -> Arrays.stream(TargetState.values()).map(to -> Arguments.of(from, to)));
  }

  static Stream<Arguments> legalPairs() {
    return allPairs().filter(a -> ALLOWED.get((TargetState) a.get()[0]).contains((TargetState) a.get()[1]));
  }

  static Stream<Arguments> illegalPairs() {
    return allPairs().filter(a -> !ALLOWED.get((TargetState) a.get()[0]).contains((TargetState) a.get()[1]));
  }

  private static Stream<TargetState> statesWhere(Predicate<TargetState> p) {
    return EnumSet.allOf(TargetState.class).stream().filter(p);
  }

  @Test
  void expectedTableCoversEveryState() {
    assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(TargetState.values());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("allPairs")
  void canTransitionToFollowsTheDesignTable(TargetState from, TargetState to) {
    assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.get(from).contains(to));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("legalPairs")
  void transitionToReturnsTheTargetForALegalMove(TargetState from, TargetState to) {
    assertThat(from.transitionTo(to)).isSameAs(to);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("illegalPairs")
  void transitionToRejectsAnIllegalMove(TargetState from, TargetState to) {
    assertThatThrownBy(() -> from.transitionTo(to))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("target")
        .hasMessageContaining(from + " -> " + to);
  }

  @Test
  void onlyRolledBackRollbackFailedAndSkippedAreTerminal() {
    assertThat(statesWhere(TargetState::isTerminal)).containsExactlyInAnyOrder(ROLLED_BACK, ROLLBACK_FAILED, SKIPPED);
  }

  @Test
  void healthyAndFailedTargetsAreNotTerminalBecauseTheyMayStillBeRolledBack() {
    assertThat(HEALTHY.isTerminal()).isFalse();
    assertThat(FAILED.isTerminal()).isFalse();
  }

  @Test
  void inFlightStatesAreTheOnesWithASideEffectUnderWay() {
    assertThat(statesWhere(TargetState::isInFlight)).containsExactlyInAnyOrder(SNAPSHOTTING, APPLYING, VERIFYING, ROLLING_BACK);
  }

  @Test
  void everyTargetButPendingAndSkippedCountsAsTouched() {
    assertThat(statesWhere(s -> !s.isTouched())).containsExactlyInAnyOrder(PENDING, SKIPPED);
  }

  @Test
  void settledTargetsFinishedTheirForwardRun() {
    assertThat(statesWhere(TargetState::isSettled)).containsExactlyInAnyOrder(HEALTHY, FAILED, SKIPPED, ROLLED_BACK, ROLLBACK_FAILED);
  }

  @Test
  void inFlightAndSettledNeverOverlap() {
    assertThat(statesWhere(s -> s.isInFlight() && s.isSettled())).isEmpty();
  }
}
