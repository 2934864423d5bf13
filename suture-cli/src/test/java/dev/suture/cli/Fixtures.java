package dev.suture.cli;

/** Canned server answers shaped like docs/api.md. */
final class Fixtures {

    static String rollout(String state, String stagesJson, String targetsJson, String timelineJson) {
        return """
                {"id":"r-1","plan":"web-sop","patch":"demo-1.1.0","state":"%s",
                 "createdAt":"2026-11-22T05:40:00Z","updatedAt":"2026-11-22T05:41:00Z","currentStage":%s,"haltReason":null,
                 "stages":%s,"targets":%s,"timeline":%s,"incident":null}
                """.formatted(state, currentStage(stagesJson), stagesJson, targetsJson, timelineJson);
    }

    private static String currentStage(String stagesJson) {
        int running = stagesJson.indexOf("\"RUNNING\"");
        if (running < 0) {
            return "null";
        }
        String before = stagesJson.substring(0, running);
        int index = before.lastIndexOf("\"index\":");
        return before.substring(index + 8, before.indexOf(',', index)).trim();
    }

    static final String STAGES_CANARY = """
            [{"index":0,"type":"notify","state":"SUCCEEDED","summary":"webhook not configured: skipped"},
             {"index":1,"type":"canary","state":"RUNNING","summary":"canary: 1 target, bake 5s"},
             {"index":2,"type":"wave","state":"PENDING","summary":null},
             {"index":3,"type":"verify","state":"PENDING","summary":null}]""";

    static final String STAGES_DONE = """
            [{"index":0,"type":"notify","state":"SUCCEEDED","summary":"webhook not configured: skipped"},
             {"index":1,"type":"canary","state":"SUCCEEDED","summary":"canary: 1 target, bake 5s"},
             {"index":2,"type":"wave","state":"SUCCEEDED","summary":"wave 1: 100%"},
             {"index":3,"type":"verify","state":"SUCCEEDED","summary":"all healthy"}]""";

    static final String TARGETS_CANARY = """
            [{"asset":"web-01","state":"APPLYING","attempts":1,"batch":0,"version":"1.0.0","error":null},
             {"asset":"web-02","state":"PENDING","attempts":0,"batch":null,"version":"1.0.0","error":null}]""";

    static final String TARGETS_DONE = """
            [{"asset":"web-01","state":"HEALTHY","attempts":1,"batch":0,"version":"1.1.0","error":null},
             {"asset":"web-02","state":"HEALTHY","attempts":1,"batch":1,"version":"1.1.0","error":null}]""";

    static final String TIMELINE_1 = """
            [{"sequence":11,"time":"2026-11-22T05:40:00Z","actor":"alice","action":"rollout.created","subject":"rollout/r-1","details":{}},
             {"sequence":12,"time":"2026-11-22T05:40:01Z","actor":"engine","action":"stage.started","subject":"rollout/r-1","details":{"stage":"canary"}}]""";

    static final String TIMELINE_2 = """
            [{"sequence":11,"time":"2026-11-22T05:40:00Z","actor":"alice","action":"rollout.created","subject":"rollout/r-1","details":{}},
             {"sequence":12,"time":"2026-11-22T05:40:01Z","actor":"engine","action":"stage.started","subject":"rollout/r-1","details":{"stage":"canary"}},
             {"sequence":13,"time":"2026-11-22T05:40:09Z","actor":"engine","action":"rollout.succeeded","subject":"rollout/r-1","details":{}}]""";

    static final String RUNNING = rollout("RUNNING", STAGES_CANARY, TARGETS_CANARY, TIMELINE_1);
    static final String SUCCEEDED = rollout("SUCCEEDED", STAGES_DONE, TARGETS_DONE, TIMELINE_2);

    private Fixtures() {}
}
