package dev.suture.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.cli.Json;
import dev.suture.cli.RolloutView;
import dev.suture.cli.Terminal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoNarratorTest {

    private final DemoNarrator narrator = new DemoNarrator(Terminal.PLAIN, DemoDocuments.PRODUCTION_STAGES);
    private RolloutView previous;

    private List<String> poll(String state, String[] stageStates, String targets, String extra) {
        StringBuilder stages = new StringBuilder("[");
        String[] types = {"notify", "precheck", "snapshot", "canary", "wave", "wave", "verify"};
        int current = -1;
        for (int i = 0; i < types.length; i++) {
            String s = i < stageStates.length ? stageStates[i] : "PENDING";
            if (!"PENDING".equals(s)) {
                current = i;
            }
            stages.append(i > 0 ? "," : "").append("{\"index\":").append(i).append(",\"type\":\"").append(types[i])
                    .append("\",\"state\":\"").append(s).append("\",\"summary\":\"").append(types[i]).append(" summary\"}");
        }
        stages.append("]");
        RolloutView view = RolloutView.from(Json.parse("{\"id\":\"r-2\",\"state\":\"" + state + "\",\"currentStage\":"
                + current + ",\"stages\":" + stages + ",\"targets\":" + targets + extra + "}"));
        List<String> lines = new ArrayList<>(narrator.narrate(previous, view));
        previous = view;
        return lines;
    }

    private static String targets(String canaryState, boolean assigned) {
        List<String> list = new ArrayList<>();
        list.add("{\"asset\":\"prod-web-01\",\"state\":\"" + canaryState + "\",\"batch\":" + (assigned ? "0" : "null") + "}");
        for (int i = 2; i <= 10; i++) {
            list.add("{\"asset\":\"prod-web-" + String.format("%02d", i) + "\",\"state\":\"PENDING\",\"batch\":null}");
        }
        return "[" + String.join(",", list) + "]";
    }

    @Test
    void tellsEachStageOnceWithItsTargetsAndTheProductionTiming() {
        List<String> first = poll("RUNNING", new String[] {"SUCCEEDED", "SUCCEEDED", "RUNNING"}, targets("PENDING", false), "");
        List<String> canary = poll("RUNNING", new String[] {"SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "RUNNING"},
                targets("APPLYING", true), "");
        List<String> again = poll("RUNNING", new String[] {"SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "RUNNING"},
                targets("APPLYING", true), "");

        assertThat(first).containsExactly(
                "> Stage 1/7 notify: announcing the change to the people who need to know",
                "    ok notify SUCCEEDED: notify summary",
                "> Stage 2/7 precheck: checking that all 10 targets are healthy before touching anything",
                "    ok precheck SUCCEEDED: precheck summary",
                "> Stage 3/7 snapshot: arming snapshots: each of the 10 targets is snapshotted just before it is patched (the rollback point)");
        assertThat(canary).containsExactly(
                "    ok snapshot SUCCEEDED: snapshot summary",
                "> Stage 4/7 canary: patching prod-web-01 first, then baking 5s (production would bake 15m)");
        assertThat(again).isEmpty();
    }

    @Test
    void waitsBrieflyForTheCanaryBatchBeforeNamingTargets() {
        String[] canaryRunning = {"SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "RUNNING"};
        poll("RUNNING", canaryRunning, targets("PENDING", false), "");

        List<String> stillUnassigned = poll("RUNNING", canaryRunning, targets("PENDING", false), "");
        List<String> assigned = poll("RUNNING", canaryRunning, targets("APPLYING", true), "");

        assertThat(stillUnassigned).isEmpty();
        assertThat(assigned).containsExactly(
                "> Stage 4/7 canary: patching prod-web-01 first, then baking 5s (production would bake 15m)");
    }

    @Test
    void tellsTheHaltRollbackAndIncident() {
        String[] canaryFailed = {"SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED"};
        poll("RUNNING", new String[] {"SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "RUNNING"}, targets("APPLYING", true), "");

        List<String> rollingBack = poll("ROLLING_BACK", canaryFailed, targets("FAILED", true),
                ",\"haltReason\":\"check health failed on prod-web-01: HTTP 503\"");
        List<String> done = poll("ROLLED_BACK", canaryFailed, targets("ROLLED_BACK", true),
                ",\"incident\":{\"id\":\"INC-1\",\"priority\":\"P1\",\"title\":\"Rollout r-2 halted\"}");

        assertThat(rollingBack).containsExactly("    x canary FAILED: canary summary",
                "  <- rolling back: restoring the snapshot on every target that was touched"
                        + " (check health failed on prod-web-01: HTTP 503)");
        assertThat(done).containsExactly("  ! incident INC-1 (P1) opened: Rollout r-2 halted");
    }
}
