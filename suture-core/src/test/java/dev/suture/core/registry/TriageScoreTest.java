package dev.suture.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.model.Priority;
import org.junit.jupiter.api.Test;

class TriageScoreTest {
  @Test void breakdownShowsEachFactorsContributionAndTheThresholds() {
    TriageScore s = TriageScore.of(new TriageInput(3, 2, 3, 2));
    assertThat(s.breakdown()).extracting(TriageScore.Contribution::factor)
        .containsExactly("exploitability", "dataExposure", "affectedUsers", "assetCriticality");
    assertThat(s.breakdown()).extracting(TriageScore.Contribution::points).containsExactly(30, 16, 21, 10);
    assertThat(s.breakdown().get(0).level()).isEqualTo("public exploit, reachable remotely");
    assertThat(s.score()).isEqualTo(77);
    assertThat(s.maxScore()).isEqualTo(100);
    assertThat(s.thresholds()).isEqualTo(new TriageScore.Thresholds(70, 40));
    assertThat(s.suggested()).isEqualTo(Priority.EMERGENCY);
    assertThat(s.reason()).isEqualTo("score 77 >= 70");
  }

  @Test void thresholdsAreInclusive() {
    assertScore(new TriageInput(0, 3, 0, 3), 39, Priority.ROUTINE);
    assertScore(new TriageInput(1, 1, 1, 3), 40, Priority.HIGH);
    assertScore(new TriageInput(3, 3, 0, 3), 69, Priority.HIGH);
    assertScore(new TriageInput(3, 2, 2, 2), 70, Priority.EMERGENCY);
  }

  private static void assertScore(TriageInput in, int score, Priority suggested) {
    TriageScore s = TriageScore.of(in);
    assertThat(s.score()).isEqualTo(score);
    assertThat(s.suggested()).isEqualTo(suggested);
  }

  @Test void anActiveExploitIsAnEmergencyWhateverTheScore() {
    TriageScore s = TriageScore.of(new TriageInput(4, 0, 0, 0));
    assertThat(s.score()).isEqualTo(40);
    assertThat(s.suggested()).isEqualTo(Priority.EMERGENCY);
    assertThat(s.reason()).contains("actively exploited");
  }

  @Test void nothingAtStakeIsRoutine() {
    assertThat(TriageScore.of(new TriageInput(0, 0, 0, 0))).satisfies(s -> {
      assertThat(s.score()).isZero();
      assertThat(s.suggested()).isEqualTo(Priority.ROUTINE);
    });
  }

  @Test void outOfScaleInputsAreAllNamed() {
    assertThatThrownBy(() -> new TriageInput(5, -1, 3, 4)).isInstanceOfSatisfying(InvalidFieldsException.class,
        e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("exploitability", "dataExposure", "assetCriticality"))
        .hasMessageContaining("exploitability: must be between 0 and 4, was 5");
  }

  @Test void scalesAreDocumentedForEveryLevel() {
    for (TriageFactor f : TriageFactor.values())
      for (int i = 0; i <= f.max(); i++) assertThat(f.describe(i)).isNotBlank();
    assertThat(TriageFactor.ASSET_CRITICALITY.max()).isEqualTo(dev.suture.core.model.Criticality.values().length - 1);
  }
}
