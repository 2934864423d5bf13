package dev.suture.core.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.rollout.IllegalTransitionException;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FindingStateTest {
  @ParameterizedTest
  @EnumSource(FindingState.class)
  void everyTransitionNotListedIsRefused(FindingState from) {
    for (FindingState to : FindingState.values()) {
      if (from.allowedNext().contains(to)) {
        assertThat(from.transitionTo(to)).isEqualTo(to);
      } else {
        assertThatThrownBy(() -> from.transitionTo(to)).isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining(from.name()).hasMessageContaining(to.name());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(FindingState.class)
  void everyStateCanBeLeftAndNoneLoopsToItself(FindingState s) {
    assertThat(s.allowedNext()).isNotEmpty().doesNotContain(s);
  }

  @org.junit.jupiter.api.Test
  void theLifecycleOfTheIssue() {
    assertThat(FindingState.OPEN.allowedNext()).containsExactlyInAnyOrderElementsOf(EnumSet.of(
        FindingState.PATCH_PLANNED, FindingState.REMEDIATED, FindingState.ACCEPTED_RISK, FindingState.FALSE_POSITIVE));
    assertThat(FindingState.REMEDIATED.allowedNext()).containsExactly(FindingState.OPEN);
    assertThat(FindingState.fromWire("accepted-risk")).isEqualTo(FindingState.ACCEPTED_RISK);
    assertThat(FindingState.PATCH_PLANNED.wireName()).isEqualTo("patch-planned");
    assertThatThrownBy(() -> FindingState.fromWire("closed")).hasMessageContaining("'closed'").hasMessageContaining("open");
  }
}
