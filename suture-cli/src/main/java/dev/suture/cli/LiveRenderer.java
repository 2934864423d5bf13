package dev.suture.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a rollout's live progress: a status block (redrawn in place on an ANSI terminal, or one plain
 * line whenever it changed) with permanent lines above it for new timeline entries and narration.
 */
public final class LiveRenderer {

    /** Adds plain-words story lines when something interesting happened between two polls. */
    public interface Narrator {
        List<String> narrate(RolloutView previous, RolloutView current);
    }

    private final PrintWriter out;
    private final Terminal terminal;
    private final ZoneId zone;
    private final Narrator narrator;
    /** Indent of timeline lines; null hides the timeline (the demo tells the story itself). */
    private final String timelineIndent;

    private long lastSequence = Long.MIN_VALUE;
    private int drawnLines;
    private String lastPlain;
    private RolloutView previous;

    public LiveRenderer(PrintWriter out, Terminal terminal, ZoneId zone, Narrator narrator, String timelineIndent) {
        this.out = out;
        this.terminal = terminal;
        this.zone = zone;
        this.narrator = narrator;
        this.timelineIndent = timelineIndent;
    }

    public void update(RolloutView view) {
        List<String> permanent = new ArrayList<>();
        if (narrator != null) {
            permanent.addAll(narrator.narrate(previous, view));
        }
        for (RolloutView.TimelineEntry entry : view.timeline()) {
            if (timelineIndent != null && entry.sequence() > lastSequence) {
                permanent.add(timelineIndent + RolloutFormat.timeline(entry, zone));
                lastSequence = entry.sequence();
            }
        }
        if (terminal.ansi()) {
            if (drawnLines > 0) {
                // back to the first line of the previous block and clear everything below
                out.print("\033[" + drawnLines + "A\r\033[J");
            }
            permanent.forEach(out::println);
            List<String> block = block(view);
            block.forEach(line -> out.println(fit(line)));
            drawnLines = block.size();
        } else {
            permanent.forEach(out::println);
            String line = plainLine(view);
            if (!line.equals(lastPlain)) {
                out.println(line);
                lastPlain = line;
            }
        }
        out.flush();
        previous = view;
    }

    /** Forget the drawn block so that later output is not erased by the next redraw. */
    public void release() {
        drawnLines = 0;
        lastPlain = null;
    }

    public List<String> block(RolloutView view) {
        List<String> lines = new ArrayList<>();
        lines.add("rollout " + view.id() + "  " + view.state() + "  (plan " + view.plan() + ", patch "
                + view.patch() + ")");
        String stage = RolloutFormat.stageLine(view);
        lines.add(stage != null ? stage : "stage -");
        String wave = view.waveLabel();
        lines.add("wave " + (wave != null ? wave : "-") + "  " + terminal.dot() + "  " + RolloutFormat.counts(view));
        lines.add(RolloutFormat.progressBar(view));
        return lines;
    }

    public String plainLine(RolloutView view) {
        List<String> parts = new ArrayList<>();
        parts.add(view.state());
        String stage = RolloutFormat.stageLine(view);
        if (stage != null) {
            parts.add(stage);
        }
        String wave = view.waveLabel();
        if (wave != null) {
            parts.add("wave " + wave);
        }
        parts.add(RolloutFormat.counts(view));
        parts.add(RolloutFormat.progressBar(view));
        return String.join(" | ", parts);
    }

    private String fit(String line) {
        int max = Math.max(20, terminal.width() - 1);
        return line.length() <= max ? line : line.substring(0, max - 1) + "~";
    }
}
