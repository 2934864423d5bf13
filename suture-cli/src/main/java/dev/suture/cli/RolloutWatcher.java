package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Function;

/** Polls a rollout until it reaches a terminal state or HALTED, feeding each poll to a renderer. */
public final class RolloutWatcher {

    /** Injected so tests run without real sleeps. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Function<String, JsonNode> fetch;
    private final LiveRenderer renderer;
    private final Duration interval;
    private final Sleeper sleeper;

    public RolloutWatcher(Function<String, JsonNode> fetch, LiveRenderer renderer, Duration interval, Sleeper sleeper) {
        this.fetch = fetch;
        this.renderer = renderer;
        this.interval = interval;
        this.sleeper = sleeper;
    }

    public static RolloutWatcher of(ApiClient api, LiveRenderer renderer) {
        return new RolloutWatcher(id -> api.get(ApiClient.API + "/rollouts/" + ApiClient.segment(id), "rollout", id)
                .json(), renderer, Duration.ofMillis(500), d -> Thread.sleep(d.toMillis()));
    }

    /**
     * HALTED is where a rollout waits for an operator (rollback: manual), but with automatic rollback
     * it is only a step on the way to ROLLING_BACK. Stop there only once it has stayed HALTED for
     * this long, counted in polls so that tests need no clock.
     */
    static final Duration HALTED_GRACE = Duration.ofSeconds(5);

    /** @param timeout null to wait for ever */
    public RolloutView watch(String id, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        long gracepolls = Math.max(1, HALTED_GRACE.toMillis() / Math.max(1, interval.toMillis()));
        int haltedPolls = 0;
        while (true) {
            RolloutView view = RolloutView.from(fetch.apply(id));
            renderer.update(view);
            if (RolloutStates.TERMINAL.contains(view.state())) {
                return view;
            }
            haltedPolls = "HALTED".equals(view.state()) ? haltedPolls + 1 : 0;
            if (haltedPolls > gracepolls) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCodes.ERROR, "rollout " + id + " is still " + view.state()
                        + " after " + timeout.toSeconds() + "s");
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(130, "interrupted");
            }
        }
    }
}
