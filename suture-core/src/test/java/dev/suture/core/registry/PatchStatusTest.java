package dev.suture.core.registry;

import static dev.suture.core.registry.PatchStatus.APPROVED;
import static dev.suture.core.registry.PatchStatus.CANCELLED;
import static dev.suture.core.registry.PatchStatus.DEPLOYED;
import static dev.suture.core.registry.PatchStatus.DRAFT;
import static dev.suture.core.registry.PatchStatus.IN_PROGRESS;
import static dev.suture.core.registry.PatchStatus.PROPOSED;
import static dev.suture.core.registry.PatchStatus.ROLLED_BACK;
import static dev.suture.core.registry.PatchStatus.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.auth.Role;
import dev.suture.core.rollout.IllegalTransitionException;
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

/** The registry lifecycle written out by hand, so a change to the enum must be deliberate. */
class PatchStatusTest {
  static final Map<PatchStatus, Set<PatchStatus>> ALLOWED = Map.of(
      DRAFT, Set.of(PROPOSED, CANCELLED),
      PROPOSED, Set.of(APPROVED, CANCELLED),
      APPROVED, Set.of(SCHEDULED, CANCELLED),
      SCHEDULED, Set.of(IN_PROGRESS, CANCELLED),
      IN_PROGRESS, Set.of(DEPLOYED, ROLLED_BACK, CANCELLED),
      DEPLOYED, Set.of(),
      ROLLED_BACK, Set.of(),
      CANCELLED, Set.of());

  static Stream<Arguments> allPairs() {
    return Arrays.stream(PatchStatus.values()).flatMap(f -> Arrays.stream(PatchStatus.values()).map(t -> Arguments.of(f, t)));
  }

  static Stream<Arguments> illegalPairs() {
    return allPairs().filter(a -> !ALLOWED.get((PatchStatus) a.get()[0]).contains((PatchStatus) a.get()[1]));
  }

  static Stream<Arguments> legalPairs() {
    return allPairs().filter(a -> ALLOWED.get((PatchStatus) a.get()[0]).contains((PatchStatus) a.get()[1]));
  }

  @Test void expectedTableCoversEveryState() { assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(PatchStatus.values()); }

  @ParameterizedTest(name = "{0} -> {1}") @MethodSource("allPairs")
  void canTransitionToFollowsTheTable(PatchStatus from, PatchStatus to) {
    assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.get(from).contains(to));
  }

  @ParameterizedTest(name = "{0} -> {1}") @MethodSource("legalPairs")
  void legalMoveReturnsTheTarget(PatchStatus from, PatchStatus to) { assertThat(from.transitionTo(to)).isSameAs(to); }

  @ParameterizedTest(name = "{0} -> {1}") @MethodSource("illegalPairs")
  void illegalMoveIsRefused(PatchStatus from, PatchStatus to) {
    assertThatThrownBy(() -> from.transitionTo(to)).isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("patch registry").hasMessageContaining(from + " -> " + to);
  }

  @ParameterizedTest @EnumSource(PatchStatus.class)
  void cancelledIsReachableFromEveryNonTerminalState(PatchStatus s) {
    assertThat(s.canTransitionTo(CANCELLED)).isEqualTo(!s.isTerminal());
  }

  @Test void onlyOutcomesAreTerminal() {
    assertThat(EnumSet.allOf(PatchStatus.class).stream().filter(PatchStatus::isTerminal))
        .containsExactlyInAnyOrder(DEPLOYED, ROLLED_BACK, CANCELLED);
  }

  @ParameterizedTest @EnumSource(PatchStatus.class)
  void allowedNextIsADefensiveCopy(PatchStatus s) {
    s.allowedNext().add(DRAFT);
    assertThat(s.allowedNext()).containsExactlyInAnyOrderElementsOf(ALLOWED.get(s));
  }

  @Test void onlyApproversApproveAndOnlyOperatorsDriveTheRollout() {
    assertThat(PROPOSED.enteredBy()).containsExactlyInAnyOrder(Role.REQUESTER, Role.OPERATOR);
    assertThat(APPROVED.enteredBy()).containsExactly(Role.APPROVER);
    for (PatchStatus s : EnumSet.of(SCHEDULED, IN_PROGRESS, DEPLOYED, ROLLED_BACK)) assertThat(s.enteredBy()).containsExactly(Role.OPERATOR);
    assertThat(CANCELLED.enteredBy()).containsExactlyInAnyOrder(Role.REQUESTER, Role.OPERATOR, Role.ADMIN);
  }
}
