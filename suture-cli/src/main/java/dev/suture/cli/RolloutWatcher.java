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

    /** @param timeout null to wait for ever */
    public RolloutView watch(String id, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            RolloutView view = RolloutView.from(fetch.apply(id));
            renderer.update(view);
            if (view.endsWatch()) {
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
