package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutWatcherTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final LiveRenderer renderer =
            new LiveRenderer(new PrintWriter(new StringWriter()), Terminal.PLAIN, ZoneOffset.UTC, null, "");

    private RolloutWatcher watcher(String... answers) {
        Deque<JsonNode> queue = new ArrayDeque<>();
        for (String answer : answers) {
            queue.add(Json.parse(answer));
        }
        return new RolloutWatcher(id -> queue.size() > 1 ? queue.poll() : queue.peek(), renderer,
                Duration.ofMillis(500), sleeps::add);
    }

    @Test
    void pollsEveryHalfSecondUntilTerminal() {
        RolloutView end = watcher(Fixtures.RUNNING, Fixtures.RUNNING, Fixtures.SUCCEEDED).watch("r-1", null);

        assertThat(end.state()).isEqualTo("SUCCEEDED");
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void stopsAtHaltedOnceItStaysThereBecauseItWaitsForAnOperator() {
        String halted = Fixtures.rollout("HALTED", Fixtures.STAGES_CANARY, Fixtures.TARGETS_CANARY, "[]");

        RolloutView end = watcher(Fixtures.RUNNING, halted).watch("r-1", null);

        assertThat(end.state()).isEqualTo("HALTED");
        assertThat(sleeps).hasSize(1 + 10); // one RUNNING poll, then 5 s of HALTED polls
        assertThat(RolloutStates.watchExitCode(end.state())).isEqualTo(ExitCodes.ROLLOUT_FAILED);
    }

    @Test
    void followsAnAutomaticRollbackThroughAShortHalt() {
        String halted = Fixtures.rollout("HALTED", Fixtures.STAGES_CANARY, Fixtures.TARGETS_CANARY, "[]");
        String rollingBack = Fixtures.rollout("ROLLING_BACK", Fixtures.STAGES_CANARY, Fixtures.TARGETS_CANARY, "[]");
        String rolledBack = Fixtures.rollout("ROLLED_BACK", Fixtures.STAGES_CANARY, Fixtures.TARGETS_CANARY, "[]");

        RolloutView end = watcher(Fixtures.RUNNING, halted, halted, rollingBack, rolledBack).watch("r-1", null);

        assertThat(end.state()).isEqualTo("ROLLED_BACK");
    }

    @Test
    void keepsWatchingWhilePausedAndFailsOnlyAfterTheTimeout() {
        String paused = Fixtures.rollout("PAUSED", Fixtures.STAGES_CANARY, Fixtures.TARGETS_CANARY, "[]");

        assertThatThrownBy(() -> watcher(paused).watch("r-1", Duration.ZERO))
                .isInstanceOf(CliException.class).hasMessage("rollout r-1 is still PAUSED after 0s");
    }

    @Test
    void exitCodeIsZeroOnlyForSucceeded() {
        assertThat(RolloutStates.watchExitCode("SUCCEEDED")).isZero();
        for (String state : List.of("ROLLED_BACK", "HALTED", "ROLLBACK_FAILED", "ABORTED")) {
            assertThat(RolloutStates.watchExitCode(state)).as(state).isEqualTo(2);
            assertThat(RolloutStates.endsWatch(state)).as(state).isTrue();
        }
        assertThat(RolloutStates.endsWatch("PAUSED")).isFalse();
        assertThat(RolloutStates.endsWatch("ROLLING_BACK")).isFalse();
    }
}
