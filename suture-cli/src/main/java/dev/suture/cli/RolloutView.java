package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rollout detail of GET /api/v1/rollouts/{id}, read leniently (absent fields become null/empty). */
public record RolloutView(String id, String plan, String patch, String state, Integer currentStage,
        String haltReason, List<Stage> stages, Map<String, Integer> counts, List<Target> targets,
        List<TimelineEntry> timeline, Incident incident, String createdAt, String updatedAt) {

    public record Stage(int index, String type, String state, String summary) {}

    public record Target(String asset, String state, Integer attempts, Integer batch, String version, String error) {}

    public record TimelineEntry(long sequence, String time, String actor, String action, String subject,
            JsonNode details) {}

    public record Incident(String id, String priority, String title) {}

    public static RolloutView from(JsonNode node) {
        List<Stage> stages = new ArrayList<>();
        each(node, "stages", (i, s) -> stages.add(new Stage(orElse(Json.intValue(s, "index"), i),
                Json.text(s, "type"), Json.text(s, "state"), Json.text(s, "summary"))));
        stages.sort(Comparator.comparingInt(Stage::index));
        List<Target> targets = new ArrayList<>();
        each(node, "targets", (i, t) -> targets.add(new Target(Json.text(t, "asset", "name"), Json.text(t, "state"),
                Json.intValue(t, "attempts"), Json.intValue(t, "batch"), Json.text(t, "version"),
                Json.text(t, "error"))));
        List<TimelineEntry> timeline = new ArrayList<>();
        each(node, "timeline", (i, e) -> timeline.add(new TimelineEntry(orElse(Json.longValue(e, "sequence"), -1L),
                Json.text(e, "time"), Json.text(e, "actor"), Json.text(e, "action"), Json.text(e, "subject"),
                e.get("details"))));
        timeline.sort(Comparator.comparingLong(TimelineEntry::sequence));
        Map<String, Integer> counts = new LinkedHashMap<>();
        JsonNode countsNode = node.get("counts");
        if (countsNode != null && countsNode.isObject()) {
            countsNode.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        } else {
            targets.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
        }
        JsonNode inc = Json.find(node, "incident");
        Incident incident = inc == null || !inc.isObject() ? null
                : new Incident(Json.text(inc, "id"), Json.text(inc, "priority"), Json.text(inc, "title"));
        return new RolloutView(Json.text(node, "id"), Json.text(node, "plan"), Json.text(node, "patch"),
                Json.text(node, "state"), Json.intValue(node, "currentStage"), Json.text(node, "haltReason"),
                List.copyOf(stages), counts, List.copyOf(targets), List.copyOf(timeline), incident,
                Json.text(node, "createdAt"), Json.text(node, "updatedAt"));
    }

    public boolean endsWatch() {
        return RolloutStates.endsWatch(state);
    }

    /** Stages known: the longer of the list and the highest index + 1 (a server may list only started ones). */
    public int stageCount() {
        int maxIndex = stages.stream().mapToInt(Stage::index).max().orElse(-1);
        return Math.max(stages.size(), maxIndex + 1);
    }

    public Stage current() {
        if (currentStage == null) {
            return null;
        }
        return stages.stream().filter(s -> s.index() == currentStage).findFirst().orElse(null);
    }

    /** "canary" for the canary stage, "2/3" for the second of three waves, null otherwise. */
    public String waveLabel() {
        Stage current = current();
        if (current == null) {
            return null;
        }
        if ("canary".equals(current.type())) {
            return "canary";
        }
        if (!"wave".equals(current.type())) {
            return null;
        }
        long waves = stages.stream().filter(s -> "wave".equals(s.type())).count();
        long number = stages.stream().filter(s -> "wave".equals(s.type()) && s.index() <= current.index()).count();
        return number + "/" + waves;
    }

    /** Counts in the order a target moves through its states; unknown states last. */
    public Map<String, Integer> orderedCounts() {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        RolloutStates.TARGET_ORDER.forEach(s -> {
            Integer n = counts.get(s);
            if (n != null && n > 0) {
                ordered.put(s, n);
            }
        });
        counts.forEach((s, n) -> {
            if (n != null && n > 0) {
                ordered.putIfAbsent(s, n);
            }
        });
        return ordered;
    }

    public int total() {
        return targets.isEmpty() ? counts.values().stream().mapToInt(Integer::intValue).sum() : targets.size();
    }

    public int finished() {
        if (!targets.isEmpty()) {
            return (int) targets.stream().filter(t -> RolloutStates.FINISHED_TARGET.contains(t.state())).count();
        }
        return counts.entrySet().stream().filter(e -> RolloutStates.FINISHED_TARGET.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    public List<Target> batch(int batch) {
        return targets.stream().filter(t -> t.batch() != null && t.batch() == batch).toList();
    }

    private interface IndexedConsumer {
        void accept(int index, JsonNode node);
    }

    private static void each(JsonNode node, String field, IndexedConsumer consumer) {
        JsonNode array = node == null ? null : node.get(field);
        if (array != null && array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                consumer.accept(i, array.get(i));
            }
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
