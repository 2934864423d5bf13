package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.errorsOf;
import static dev.suture.core.doc.Parsing.hasError;
import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.stages: ordering rules, waves and rate limits. Line 9 is always the first stage. */
class StageValidationTest {

  private static String plan(String stages) {
    return """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks: [{name: health, command: {argv: [true]}}]
          stages:
        """ + stages.indent(4);
  }

  @Test
  void rejectsATypoInAWaveFieldNamingTheRealOne() {
    onlyError(plan("""
        - canary:
            count: 1
        - wave:
            percent: 100
            maxConcurency: 5
        """), 13, "spec.stages[1].wave.maxConcurency", "unknown field", "maxConcurrency");
  }

  @Test
  void rejectsAnUnknownStageType() {
    onlyError(plan("""
        - wave: {percent: 100}
        - rollout: {}
        """), 10, "spec.stages[1].rollout", "unknown field", "canary", "wave");
  }

  @Test
  void rejectsAStageWithTwoTypes() {
    onlyError(plan("""
        - wave: {percent: 100}
          bake: {duration: 5m}
        """), 9, "spec.stages[0]", "single type");
  }

  @Test
  void rejectsWaveWhosePercentDoesNotGrow() {
    onlyError(plan("""
        - canary: {count: 1}
        - wave: {percent: 50}
        - wave: {percent: 50}
        - wave: {percent: 100}
        """), 11, "spec.stages[2].wave.percent", "greater than the previous wave's 50", "cumulative");
  }

  @Test
  void rejectsAPlanWhoseLastWaveStopsShortOf100Percent() {
    onlyError(plan("""
        - wave: {percent: 25}
        - wave:
            percent: 75
        - verify: {}
        """), 11, "spec.stages[1].wave", "last wave must reach percent: 100", "never patched");
  }

  @Test
  void rejectsAPlanThatPatchesNothing() {
    onlyError(plan("""
        - verify: {checks: [health]}
        """), 9, "spec.stages", "canary or wave", "nothing would be patched");
  }

  @Test
  void rejectsAnEmptyStageList() {
    onlyError(plan("[]"), 9, "spec.stages", "at least one stage");
  }

  @Test
  void requiresAWavePercentWithinOneToHundred() {
    List<ValidationError> errors = errorsOf(plan("""
        - wave: {maxErrors: 1}
        - wave: {percent: 150}
        """));

    hasError(errors, 9, "spec.stages[0].wave.percent", "is required", "1..100");
    hasError(errors, 10, "spec.stages[1].wave.percent", "between 1 and 100");
  }

  @Test
  void rejectsASnapshotStageWithoutSpecSnapshot() {
    onlyError(plan("""
        - snapshot: {}
        - wave: {percent: 100}
        """), 9, "spec.stages[0].snapshot", "needs spec.snapshot", "create and restore");
  }

  @Test
  void rejectsASnapshotStageAfterTargetsWerePatched() {
    String yaml = """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          snapshot: {type: command, create: [snap], restore: [restore]}
          stages:
            - wave: {percent: 100}
            - snapshot:
        """;
    onlyError(yaml, 10, "spec.stages[1].snapshot", "before the first canary or wave");
  }

  @Test
  void rejectsACanaryAfterAWave() {
    onlyError(plan("""
        - wave: {percent: 100}
        - canary: {count: 1}
        """), 10, "spec.stages[1].canary", "canary must come before the waves");
  }

  @Test
  void rejectsAQuantityThatIsNotACountOrPercentage() {
    onlyError(plan("""
        - wave:
            percent: 100
            maxErrors: lots
        """), 11, "spec.stages[0].wave.maxErrors", "'lots' is not a count or a percentage like 25%");
  }

  @Test
  void rejectsAPercentageAbove100() {
    onlyError(plan("""
        - wave: {percent: 100, maxConcurrency: 150%}
        """), 9, "spec.stages[0].wave.maxConcurrency", "at most 100%");
  }

  @Test
  void rejectsZeroConcurrencyBecauseTheWaveWouldNeverProgress() {
    onlyError(plan("""
        - wave: {percent: 100, maxConcurrency: 0}
        """), 9, "spec.stages[0].wave.maxConcurrency", "at least 1");
  }

  @Test
  void rejectsACanaryOfZeroTargets() {
    List<ValidationError> errors = errorsOf(plan("""
        - canary: {count: 0}
        - wave: {percent: 100}
        """));
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("spec.stages[0].canary.count");
      assertThat(e.message()).contains("at least 1");
    });
  }

  @Test
  void rejectsABadBakeDuration() {
    onlyError(plan("""
        - canary: {count: 1, bake: 5 minutes}
        - wave: {percent: 100}
        """), 9, "spec.stages[0].canary.bake", "'5 minutes' is not a duration like 30s, 15m or 1h30m");
  }

  @Test
  void rejectsANotifyWebhookThatIsNotHttp() {
    onlyError(plan("""
        - notify: {webhook: "ftp://hooks/x"}
        - wave: {percent: 100}
        """), 9, "spec.stages[0].notify.webhook", "http:// or https://");
  }
}
