package dev.suture.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.rollout.IllegalTransitionException;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MetricPhaseTest {

  @Test
  void runningMayEndInAnyDecidedPhaseAndOnlyRunningIsNonTerminal() {
    for (MetricPhase p : EnumSet.complementOf(EnumSet.of(MetricPhase.RUNNING))) {
      assertThat(MetricPhase.RUNNING.canTransitionTo(p)).as("RUNNING -> %s", p).isTrue();
      assertThat(p.isTerminal()).as("%s terminal", p).isTrue();
    }
    assertThat(MetricPhase.RUNNING.isTerminal()).isFalse();
  }

  static Stream<Arguments> illegal() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (MetricPhase from : MetricPhase.values()) {
      for (MetricPhase to : MetricPhase.values()) {
        if (!(from == MetricPhase.RUNNING && to != MetricPhase.RUNNING)) b.add(Arguments.of(from, to));
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("illegal")
  void refusesIllegalTransition(MetricPhase from, MetricPhase to) {
    assertThatThrownBy(() -> from.transitionTo(to)).isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining(from + " -> " + to);
  }

  @Test
  void failedIsWorstThenErrorThenInconclusive() {
    assertThat(MetricPhase.FAILED.severity()).isGreaterThan(MetricPhase.ERROR.severity());
    assertThat(MetricPhase.ERROR.severity()).isGreaterThan(MetricPhase.INCONCLUSIVE.severity());
    assertThat(MetricPhase.INCONCLUSIVE.severity()).isGreaterThan(MetricPhase.SUCCESSFUL.severity());
    assertThat(MetricPhase.SUCCESSFUL.tripped()).isFalse();
    assertThat(MetricPhase.RUNNING.tripped()).isFalse();
  }
}
