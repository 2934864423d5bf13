package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveRendererTest {

    private final StringWriter buffer = new StringWriter();

    private LiveRenderer renderer(Terminal terminal, LiveRenderer.Narrator narrator) {
        return new LiveRenderer(new PrintWriter(buffer), terminal, ZoneOffset.UTC, narrator, "  ");
    }

    private static RolloutView view(String json) {
        return RolloutView.from(Json.parse(json));
    }

    @Test
    void plainOutputPrintsALineOnlyWhenSomethingChanged() {
        LiveRenderer renderer = renderer(Terminal.PLAIN, null);

        renderer.update(view(Fixtures.RUNNING));
        renderer.update(view(Fixtures.RUNNING));
        renderer.update(view(Fixtures.SUCCEEDED));

        List<String> lines = buffer.toString().lines().toList();
        assertThat(lines).containsExactly(
                "  05:40:00  alice  rollout.created  rollout/r-1",
                "  05:40:01  engine  stage.started  rollout/r-1  stage=canary",
                "RUNNING | stage 2/4 canary RUNNING: canary: 1 target, bake 5s | wave canary | PENDING 1, APPLYING 1"
                        + " | [....................] 0/2",
                "  05:40:09  engine  rollout.succeeded  rollout/r-1",
                "SUCCEEDED | stage 4/4 verify SUCCEEDED: all healthy | HEALTHY 2 | [####################] 2/2");
        assertThat(buffer.toString()).doesNotContain("\033[");
    }

    @Test
    void ansiOutputRedrawsTheBlockInPlaceAndKeepsTimelineAboveIt() {
        LiveRenderer renderer = renderer(new Terminal(true, false, 200), null);

        renderer.update(view(Fixtures.RUNNING));
        String first = buffer.toString();
        renderer.update(view(Fixtures.SUCCEEDED));
        String second = buffer.toString().substring(first.length());

        assertThat(first).doesNotContain("\033[").contains("rollout r-1  RUNNING", "wave canary  -  PENDING 1, APPLYING 1");
        assertThat(second).startsWith("\033[4A\r\033[J")
                .contains("  05:40:09  engine  rollout.succeeded")
                .contains("[####################] 2/2");
        assertThat(second.indexOf("rollout.succeeded")).isLessThan(second.indexOf("rollout r-1  SUCCEEDED"));
    }

    @Test
    void ansiBlockLinesAreCutToTheTerminalWidthSoRedrawCountsStayRight() {
        LiveRenderer renderer = renderer(new Terminal(true, false, 30), null);

        renderer.update(view(Fixtures.RUNNING));

        buffer.toString().lines().filter(l -> !l.startsWith("  05:")).forEach(l -> assertThat(l.length()).isLessThan(30));
    }

    @Test
    void narrationLinesComeBeforeTimelineEntries() {
        LiveRenderer renderer = renderer(Terminal.PLAIN, (previous, current) ->
                previous == null ? List.of("> story starts") : List.of());

        renderer.update(view(Fixtures.RUNNING));
        renderer.update(view(Fixtures.RUNNING));

        List<String> lines = buffer.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("> story starts");
        assertThat(lines).filteredOn(l -> l.equals("> story starts")).hasSize(1);
    }
}
