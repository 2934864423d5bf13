package dev.suture.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.model.Criticality;
import dev.suture.core.registry.FieldProblem;
import dev.suture.core.registry.InvalidFieldsException;
import dev.suture.core.risk.RiskWeights.EpssBand;
import dev.suture.core.risk.RiskWeights.Thresholds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskWeightsTest {
  @Test void theDefaultsAreTheDocumentedOnes() {
    RiskWeights d = RiskWeights.DEFAULTS;
    assertThat(d.pointsPerCvss()).isEqualTo(6.0);
    assertThat(d.assumedCvss()).isEqualTo(5.0);
    assertThat(d.kev()).isEqualTo(1.6);
    assertThat(d.epss()).containsExactly(new EpssBand(0.5, 1.4), new EpssBand(0.1, 1.2), new EpssBand(0.01, 1.0), new EpssBand(0, 0.8));
    assertThat(d.exposure()).containsExactlyInAnyOrderEntriesOf(Map.of(Exposure.INTERNET, 1.25, Exposure.INTERNAL, 1.0, Exposure.ISOLATED, 0.6));
    assertThat(d.criticality()).containsExactlyInAnyOrderEntriesOf(
        Map.of(Criticality.CRITICAL, 1.25, Criticality.HIGH, 1.1, Criticality.MEDIUM, 1.0, Criticality.LOW, 0.8));
    assertThat(d.thresholds()).isEqualTo(new Thresholds(90, 42));
  }

  @Test void cvssAloneNeverReachesEmergencyWithTheDefaults() {
    RiskWeights d = RiskWeights.DEFAULTS;
    assertThat(10 * d.pointsPerCvss()).isLessThan(d.thresholds().emergency());
    assertThat(7.0 * d.pointsPerCvss()).isEqualTo(d.thresholds().high());
  }

  @Test void everyBadWeightIsNamedAtOnce() {
    assertThatThrownBy(() -> new RiskWeights(0, 11, 0.9, List.of(new EpssBand(0.1, 1.2), new EpssBand(0.5, 0)),
        Map.of(Exposure.INTERNET, 1.0), RiskWeights.DEFAULTS.criticality(), new Thresholds(40, 60)))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems()).extracting(FieldProblem::field)
            .containsExactly("risk.pointsPerCvss", "risk.assumedCvss", "risk.kev", "risk.epss",
                "risk.exposure.internal", "risk.exposure.isolated", "risk.thresholds"));
  }

  @Test void epssBandsMustDescendAndHaveValidMultipliers() {
    assertThatThrownBy(() -> new RiskWeights(6, 5, 1.6, List.of(new EpssBand(0.1, 1.2), new EpssBand(0.5, 1.4), new EpssBand(0, -1)),
        RiskWeights.DEFAULTS.exposure(), RiskWeights.DEFAULTS.criticality(), new Thresholds(90, 42)))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems()).containsExactly(
            new FieldProblem("risk.epss[1]", "bands must be listed from the highest probability down"),
            new FieldProblem("risk.epss[2]", "multiplier must be positive, was -1.0")));
  }

  @Test void everyProbabilityFallsInABand() {
    RiskWeights d = RiskWeights.DEFAULTS;
    assertThat(d.epssBand(0).multiplier()).isEqualTo(0.8);
    assertThat(d.epssBand(1).multiplier()).isEqualTo(1.4);
  }
}
