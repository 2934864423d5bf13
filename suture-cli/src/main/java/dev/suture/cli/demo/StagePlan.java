package dev.suture.cli.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One stage of a demo plan. The same value renders the YAML ({@code - canary: {count: 1, bake: 5s}})
 * and feeds the narration, so what is said matches what was applied.
 */
record StagePlan(String type, Map<String, String> params) {

    static StagePlan of(String type, String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return new StagePlan(type, params);
    }

    String param(String key) {
        return params.get(key);
    }

    String yaml() {
        return "- " + type + ": {" + params.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ")) + "}";
    }
}
