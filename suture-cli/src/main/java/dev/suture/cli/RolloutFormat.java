package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Text pieces shared by `rollout status`, `rollout watch` and the demo. */
public final class RolloutFormat {

    public static final int BAR_WIDTH = 20;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private RolloutFormat() {}

    /** {@code [#########...........] 9/20} */
    public static String progressBar(int finished, int total, int width) {
        int done = total <= 0 ? 0 : (int) Math.min(width, (long) Math.max(0, finished) * width / total);
        return "[" + "#".repeat(done) + ".".repeat(width - done) + "] " + finished + "/" + total;
    }

    public static String progressBar(RolloutView view) {
        return progressBar(view.finished(), view.total(), BAR_WIDTH);
    }

    /** "APPLYING 2, HEALTHY 6, PENDING 4" in lifecycle order; "no targets" when empty. */
    public static String counts(RolloutView view) {
        Map<String, Integer> counts = view.orderedCounts();
        if (counts.isEmpty()) {
            return "no targets";
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** "stage 4/7 canary RUNNING: canary: 1 target, bake 5s"; null before the first stage. */
    public static String stageLine(RolloutView view) {
        RolloutView.Stage stage = view.current();
        if (stage == null) {
            // a finished rollout may have no current stage: show where it ended
            stage = view.stages().stream().filter(s -> !"PENDING".equals(s.state()))
                    .reduce((first, second) -> second).orElse(null);
        }
        if (stage == null) {
            return null;
        }
        return "stage " + (stage.index() + 1) + "/" + view.stageCount() + " " + stage.type() + " " + stage.state()
                + (stage.summary() != null ? ": " + stage.summary() : "");
    }

    public static String timeline(RolloutView.TimelineEntry entry, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        parts.add(clock(entry.time(), zone));
        parts.add(entry.actor() != null ? entry.actor() : "-");
        parts.add(entry.action() != null ? entry.action() : "-");
        if (entry.subject() != null) {
            parts.add(entry.subject());
        }
        String details = details(entry.details());
        if (!details.isEmpty()) {
            parts.add(details);
        }
        return String.join("  ", parts);
    }

    public static String clock(String isoInstant, ZoneId zone) {
        if (isoInstant == null) {
            return "--:--:--";
        }
        try {
            return CLOCK.format(Instant.parse(isoInstant).atZone(zone));
        } catch (DateTimeParseException e) {
            return isoInstant;
        }
    }

    static String details(JsonNode details) {
        if (details == null || !details.isObject() || details.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        details.fields().forEachRemaining(e -> pairs.add(e.getKey() + "="
                + (e.getValue().isValueNode() ? e.getValue().asText() : Json.compact(e.getValue()))));
        return String.join(" ", pairs);
    }

    /** The `rollout status` table view. */
    public static String status(RolloutView view, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        out.append("Rollout   ").append(view.id()).append('\n');
        out.append("Plan      ").append(nz(view.plan())).append('\n');
        out.append("Patch     ").append(nz(view.patch())).append('\n');
        out.append("State     ").append(nz(view.state())).append('\n');
        if (view.haltReason() != null) {
            out.append("Halted    ").append(view.haltReason()).append('\n');
        }
        if (view.incident() != null) {
            RolloutView.Incident inc = view.incident();
            out.append("Incident  ").append(nz(inc.id())).append(' ').append(nz(inc.priority()))
                    .append(inc.title() != null ? " " + inc.title() : "").append('\n');
        }
        out.append("Progress  ").append(progressBar(view)).append("  (").append(counts(view)).append(")\n");
        if (!view.stages().isEmpty()) {
            Table stages = new Table("#", "stage", "state", "summary");
            for (RolloutView.Stage s : view.stages()) {
                stages.row(s.index() + 1, s.type(), s.state(), s.summary());
            }
            out.append('\n').append(stages.render());
        }
        if (!view.targets().isEmpty()) {
            Table targets = new Table("asset", "state", "attempts", "batch", "version", "error");
            for (RolloutView.Target t : view.targets()) {
                targets.row(t.asset(), t.state(), t.attempts(), batchLabel(t.batch()), t.version(), t.error());
            }
            out.append('\n').append(targets.render());
        }
        return out.toString();
    }

    static String batchLabel(Integer batch) {
        if (batch == null) {
            return null;
        }
        return batch == 0 ? "canary" : "wave " + batch;
    }

    private static String nz(String value) {
        return value == null ? "-" : value;
    }
}
