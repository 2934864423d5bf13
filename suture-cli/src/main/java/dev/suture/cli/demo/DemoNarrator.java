package dev.suture.cli.demo;

import dev.suture.cli.LiveRenderer;
import dev.suture.cli.RolloutStates;
import dev.suture.cli.RolloutView;
import dev.suture.cli.Terminal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Tells the rollout's story in plain words as the stages of a demo plan start and finish. */
final class DemoNarrator implements LiveRenderer.Narrator {

    private static final Set<String> STAGE_DONE = Set.of("SUCCEEDED", "FAILED", "SKIPPED");
    /** Polls to wait for the server to assign a batch before naming its targets generically. */
    private static final int MAX_DEFERRALS = 4;

    private final Terminal terminal;
    private final List<StagePlan> plan;
    private final Set<Integer> started = new HashSet<>();
    private final Set<Integer> finished = new HashSet<>();
    private String lastState;
    private boolean incidentTold;
    private int deferrals;

    DemoNarrator(Terminal terminal, List<StagePlan> plan) {
        this.terminal = terminal;
        this.plan = plan;
    }

    @Override
    public List<String> narrate(RolloutView previous, RolloutView view) {
        List<String> lines = new ArrayList<>();
        for (RolloutView.Stage stage : view.stages()) {
            if ("PENDING".equals(stage.state())) {
                continue;
            }
            if (!started.contains(stage.index())) {
                String what = describe(stage, view);
                if (what == null) {
                    break; // wait a poll or two for the batch to be assigned
                }
                lines.add(terminal.play() + " Stage " + (stage.index() + 1) + "/" + view.stageCount() + " "
                        + stage.type() + ": " + what);
                started.add(stage.index());
                deferrals = 0;
            }
            if (STAGE_DONE.contains(stage.state()) && finished.add(stage.index())) {
                lines.add("    " + ("FAILED".equals(stage.state()) ? terminal.fail() : terminal.ok()) + " "
                        + stage.type() + " " + stage.state() + (stage.summary() != null ? ": " + stage.summary() : ""));
            }
        }
        if (view.state() != null && !view.state().equals(lastState)) {
            String told = stateChange(view);
            if (told != null) {
                lines.add(told);
            }
            lastState = view.state();
        }
        if (view.incident() != null && !incidentTold) {
            incidentTold = true;
            lines.add("  ! incident " + view.incident().id() + " (" + view.incident().priority() + ") opened: "
                    + view.incident().title());
        }
        return lines;
    }

    private String stateChange(RolloutView view) {
        return switch (view.state()) {
            case "HALTED" -> "  " + terminal.fail() + " halted: " + orElse(view.haltReason(), "a gate failed");
            case "ROLLING_BACK" -> "  " + terminal.back() + " rolling back: restoring the snapshot on every target"
                    + " that was touched (" + orElse(view.haltReason(), "gate failed") + ")";
            case "PAUSED" -> "  paused: waiting for an operator (suture rollout resume " + view.id() + ")";
            case "PENDING_APPROVAL", "SCHEDULED", "WAITING_FOR_WINDOW" -> "  waiting: " + view.state();
            default -> null;
        };
    }

    private String describe(RolloutView.Stage stage, RolloutView view) {
        StagePlan spec = stage.index() < plan.size() && plan.get(stage.index()).type().equals(stage.type())
                ? plan.get(stage.index()) : StagePlan.of(stage.type());
        int all = view.total();
        return switch (stage.type()) {
            case "notify" -> "announcing the change to the people who need to know";
            case "precheck" -> "checking that all " + all + " targets are healthy before touching anything";
            case "snapshot" -> "arming snapshots: each of the " + all + " targets is snapshotted just before it is patched (the rollback point)";
            case "canary" -> patching(stage, view, 0, "first, then baking " + orElse(spec.param("bake"), "a while")
                    + " (production would bake 15m)");
            case "wave" -> {
                int wave = waveNumber(stage, view);
                String observe = spec.param("observe") != null
                        ? ", then observing " + spec.param("observe") + " (production would observe 15m)" : "";
                String rate = " (up to " + orElse(spec.param("maxConcurrency"), "?") + " at a time, "
                        + orElse(spec.param("maxErrors"), "?") + " errors allowed)";
                String text = patching(stage, view, wave, rate + observe);
                yield text == null ? null : "wave " + wave + ": " + text;
            }
            case "verify" -> "final verification: every target must pass its health check";
            default -> orElse(stage.summary(), stage.type());
        };
    }

    private String patching(RolloutView.Stage stage, RolloutView view, int batch, String rest) {
        List<String> names = view.batch(batch).stream().map(RolloutView.Target::asset).toList();
        if (names.isEmpty() && "RUNNING".equals(stage.state()) && deferrals++ < MAX_DEFERRALS
                && !RolloutStates.TERMINAL.contains(view.state())) {
            return null;
        }
        String who = names.isEmpty() ? "the next targets"
                : names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 4)) + " and " + (names.size() - 4) + " more";
        return "patching " + who + " " + rest.strip();
    }

    private static int waveNumber(RolloutView.Stage stage, RolloutView view) {
        return (int) view.stages().stream().filter(s -> "wave".equals(s.type()) && s.index() <= stage.index()).count();
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
