package dev.suture.core.rollout;

import static dev.suture.core.rollout.RolloutState.ABORTED;
import static dev.suture.core.rollout.RolloutState.HALTED;
import static dev.suture.core.rollout.RolloutState.PAUSED;
import static dev.suture.core.rollout.RolloutState.PENDING_APPROVAL;
import static dev.suture.core.rollout.RolloutState.ROLLBACK_FAILED;
import static dev.suture.core.rollout.RolloutState.ROLLED_BACK;
import static dev.suture.core.rollout.RolloutState.ROLLING_BACK;
import static dev.suture.core.rollout.RolloutState.RUNNING;
import static dev.suture.core.rollout.RolloutState.SCHEDULED;
import static dev.suture.core.rollout.RolloutState.SUCCEEDED;
import static dev.suture.core.rollout.RolloutState.WAITING_FOR_WINDOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The rollout lifecycle of DESIGN §3, written out by hand so a change to the enum must be deliberate. */
class RolloutStateTest {

  static final Map<RolloutState, Set<RolloutState>> ALLOWED = Map.ofEntries(
      Map.entry(PENDING_APPROVAL, Set.of(SCHEDULED, ABORTED)),
      Map.entry(SCHEDULED, Set.of(WAITING_FOR_WINDOW, RUNNING, HALTED, ABORTED)),
      Map.entry(WAITING_FOR_WINDOW, Set.of(RUNNING, HALTED, ABORTED)),
      Map.entry(RUNNING, Set.of(PAUSED, WAITING_FOR_WINDOW, SUCCEEDED, HALTED, ABORTED)),
      Map.entry(PAUSED, Set.of(RUNNING, HALTED, ABORTED)),
      Map.entry(HALTED, Set.of(ROLLING_BACK, ABORTED)),
      Map.entry(ROLLING_BACK, Set.of(ROLLED_BACK, ROLLBACK_FAILED)),
      Map.entry(SUCCEEDED, Set.of()),
      Map.entry(ROLLED_BACK, Set.of()),
      Map.entry(ROLLBACK_FAILED, Set.of()),
      Map.entry(ABORTED, Set.of()));

  static Stream<Arguments> allPairs() {
    return Arrays.stream(RolloutState.values())
        .flatMap(from -> Arrays.stream(RolloutState.values()).map(to -> Arguments.of(from, to)));
  }

  static Stream<Arguments> legalPairs() {
    return allPairs().filter(a -> ALLOWED.get((RolloutState) a.get()[0]).contains((RolloutState) a.get()[1]));
  }

  static Stream<Arguments> illegalPairs() {
    return allPairs().filter(a -> !ALLOWED.get((RolloutState) a.get()[0]).contains((RolloutState) a.get()[1]));
  }

  @Test
  void expectedTableCoversEveryState() {
    assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(RolloutState.values());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("allPairs")
  void canTransitionToFollowsTheDesignTable(RolloutState from, RolloutState to) {
    assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.get(from).contains(to));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("legalPairs")
  void transitionToReturnsTheTargetForALegalMove(RolloutState from, RolloutState to) {
    assertThat(from.transitionTo(to)).isSameAs(to);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("illegalPairs")
  void transitionToRejectsAnIllegalMove(RolloutState from, RolloutState to) {
    assertThatThrownBy(() -> from.transitionTo(to))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("rollout")
        .hasMessageContaining(from + " -> " + to);
  }

  @ParameterizedTest
  @EnumSource(RolloutState.class)
  void allowedNextIsTheTableRowAndADefensiveCopy(RolloutState state) {
    Set<RolloutState> next = state.allowedNext();
    assertThat(next).containsExactlyInAnyOrderElementsOf(ALLOWED.get(state));
    next.add(RUNNING);
    next.clear();
    assertThat(state.allowedNext()).containsExactlyInAnyOrderElementsOf(ALLOWED.get(state));
  }

  @Test
  void onlyEndStatesAreTerminal() {
    assertThat(EnumSet.allOf(RolloutState.class).stream().filter(RolloutState::isTerminal))
        .containsExactlyInAnyOrder(SUCCEEDED, ROLLED_BACK, ROLLBACK_FAILED, ABORTED);
  }

  @Test
  void haltedRestsButIsNotTerminalBecauseAnOperatorMayStillRollBackOrAbort() {
    assertThat(HALTED.isTerminal()).isFalse();
    assertThat(HALTED.isDriven()).isFalse();
  }

  @Test
  void anEngineNodeDrivesOnlyScheduledWaitingRunningPausedAndRollingBack() {
    assertThat(EnumSet.allOf(RolloutState.class).stream().filter(RolloutState::isDriven))
        .containsExactlyInAnyOrder(SCHEDULED, WAITING_FOR_WINDOW, RUNNING, PAUSED, ROLLING_BACK);
  }

  @Test
  void walksTheHappyPathFromApprovalToSuccess() {
    RolloutState s = PENDING_APPROVAL;
    for (RolloutState next : new RolloutState[] {SCHEDULED, WAITING_FOR_WINDOW, RUNNING, PAUSED, RUNNING, SUCCEEDED})
      s = s.transitionTo(next);
    assertThat(s).isEqualTo(SUCCEEDED);
  }

  @Test
  void aWaveStoppedAtTheWindowCutoffWaitsAndResumesAtTheNextOpening() {
    assertThat(RUNNING.transitionTo(WAITING_FOR_WINDOW).transitionTo(RUNNING).transitionTo(SUCCEEDED)).isEqualTo(SUCCEEDED);
  }

  @Test
  void aWaitingRolloutThatTouchedTargetsHaltsOnAbortToRollThemBack() {
    assertThat(WAITING_FOR_WINDOW.transitionTo(HALTED).transitionTo(ROLLING_BACK)).isEqualTo(ROLLING_BACK);
  }

  @Test
  void walksTheFailurePathFromRunningToRolledBack() {
    assertThat(RUNNING.transitionTo(HALTED).transitionTo(ROLLING_BACK).transitionTo(ROLLED_BACK)).isEqualTo(ROLLED_BACK);
  }
}
