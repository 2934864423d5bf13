package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RolloutFormatTest {

    @Test
    void progressBarFillsInProportionToFinishedTargets() {
        assertThat(RolloutFormat.progressBar(9, 12, 16)).isEqualTo("[############....] 9/12");
        assertThat(RolloutFormat.progressBar(0, 10, 10)).isEqualTo("[..........] 0/10");
        assertThat(RolloutFormat.progressBar(10, 10, 10)).isEqualTo("[##########] 10/10");
        assertThat(RolloutFormat.progressBar(1, 3, 20)).isEqualTo("[######..............] 1/3");
    }

    @Test
    void progressBarWithoutTargetsIsEmptyNotBroken() {
        assertThat(RolloutFormat.progressBar(0, 0, 5)).isEqualTo("[.....] 0/0");
    }

    @Test
    void finishedCountsEveryEndState() {
        String targets = """
                [{"asset":"a","state":"HEALTHY"},{"asset":"b","state":"FAILED"},{"asset":"c","state":"SKIPPED"},
                 {"asset":"d","state":"ROLLED_BACK"},{"asset":"e","state":"ROLLBACK_FAILED"},
                 {"asset":"f","state":"APPLYING"},{"asset":"g","state":"PENDING"},{"asset":"h","state":"ROLLING_BACK"}]""";
        RolloutView view = RolloutView.from(Json.parse(Fixtures.rollout("RUNNING", "[]", targets, "[]")));

        assertThat(view.finished()).isEqualTo(5);
        assertThat(view.total()).isEqualTo(8);
        assertThat(RolloutFormat.progressBar(view)).endsWith("] 5/8");
    }

    @Test
    void countsFollowTheTargetLifecycleOrder() {
        RolloutView view = RolloutView.from(Json.parse("""
                {"id":"r-1","state":"RUNNING","counts":{"PENDING":4,"HEALTHY":6,"APPLYING":2,"ODD":1,"FAILED":0}}"""));

        assertThat(RolloutFormat.counts(view)).isEqualTo("PENDING 4, APPLYING 2, HEALTHY 6, ODD 1");
        assertThat(view.total()).isEqualTo(13);
        assertThat(view.finished()).isEqualTo(6);
    }

    @Test
    void stageLineNamesPositionTypeStateAndSummary() {
        RolloutView view = RolloutView.from(Json.parse(Fixtures.RUNNING));

        assertThat(RolloutFormat.stageLine(view)).isEqualTo("stage 2/4 canary RUNNING: canary: 1 target, bake 5s");
        assertThat(view.waveLabel()).isEqualTo("canary");
    }

    @Test
    void waveLabelCountsWavesUpToTheCurrentOne() {
        String stages = """
                [{"index":0,"type":"canary","state":"SUCCEEDED"},{"index":1,"type":"wave","state":"SUCCEEDED"},
                 {"index":2,"type":"wave","state":"RUNNING"},{"index":3,"type":"verify","state":"PENDING"}]""";
        RolloutView view = RolloutView.from(Json.parse(Fixtures.rollout("RUNNING", stages, "[]", "[]")));

        assertThat(view.waveLabel()).isEqualTo("2/2");
    }

    @Test
    void timelineLineShowsClockActorActionSubjectAndDetails() {
        RolloutView view = RolloutView.from(Json.parse(Fixtures.RUNNING));

        assertThat(RolloutFormat.timeline(view.timeline().get(1), ZoneOffset.UTC))
                .isEqualTo("05:40:01  engine  stage.started  rollout/r-1  stage=canary");
    }

    @Test
    void statusShowsStagesCountsAndEveryTarget() {
        String text = RolloutFormat.status(RolloutView.from(Json.parse(Fixtures.RUNNING)), ZoneOffset.UTC);

        assertThat(text).contains("Rollout   r-1", "State     RUNNING", "Progress  [", "] 0/2",
                "(PENDING 1, APPLYING 1)");
        assertThat(text).containsPattern("\\n2\\s+canary\\s+RUNNING\\s+canary: 1 target, bake 5s");
        assertThat(text).containsPattern("ASSET\\s+STATE\\s+ATTEMPTS\\s+BATCH\\s+VERSION\\s+ERROR");
        assertThat(text).containsPattern("web-01\\s+APPLYING\\s+1\\s+canary\\s+1.0.0\\s+-");
        assertThat(text).containsPattern("web-02\\s+PENDING\\s+0\\s+-\\s+1.0.0");
    }

    @Test
    void statusMentionsHaltReasonAndIncident() {
        String json = Fixtures.rollout("ROLLED_BACK", Fixtures.STAGES_DONE, Fixtures.TARGETS_DONE, "[]")
                .replace("\"haltReason\":null", "\"haltReason\":\"canary health failed\"")
                .replace("\"incident\":null", "\"incident\":{\"id\":\"INC-1\",\"priority\":\"P1\",\"title\":\"Rollout r-1 halted\"}");

        String text = RolloutFormat.status(RolloutView.from(Json.parse(json)), ZoneOffset.UTC);

        assertThat(text).contains("Halted    canary health failed", "Incident  INC-1 P1 Rollout r-1 halted");
    }

    @Test
    void readsDetailWithMissingFieldsWithoutFailing() {
        RolloutView view = RolloutView.from(Json.parse("{\"id\":\"r-9\",\"state\":\"PENDING_APPROVAL\"}"));

        assertThat(view.current()).isNull();
        assertThat(RolloutFormat.stageLine(view)).isNull();
        assertThat(RolloutFormat.counts(view)).isEqualTo("no targets");
        assertThat(RolloutFormat.status(view, ZoneOffset.UTC)).contains("PENDING_APPROVAL");
    }
}
