package dev.suture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryScorerTest {

    private final ScoreThresholds thresholds = new ScoreThresholds(75, 50);
    private final CanaryScorer scorer = new CanaryScorer(Map.of(), thresholds);

    private static MetricResult result(String name, String group, Classification c, boolean critical,
            boolean criticalFailure) {
        SeriesStats s = SeriesStats.of(new double[] {1});
        return new MetricResult(name, group, c, "test", critical, criticalFailure, s, s, null, Double.NaN,
                EffectSizeMeasure.MEAN_RATIO, Double.NaN, List.of());
    }

    private static MetricResult result(String name, String group, Classification c) {
        return result(name, group, c, false, false);
    }

    @Test
    void groupScoreIsPassOverPassHighLowAndNodataFail() {
        CanaryScore s = scorer.score(List.of(result("a", "g", Classification.PASS),
                result("b", "g", Classification.PASS), result("c", "g", Classification.HIGH),
                result("d", "g", Classification.NODATA_FAIL_METRIC), result("e", "g", Classification.NODATA),
                result("f", "g", Classification.PASS)));

        GroupScore g = s.groups().get(0);
        assertThat(g.score()).isEqualTo(60.0); // 3 / (3 + 1 + 0 + 1); plain NODATA left out
        assertThat(g.nodata()).isEqualTo(1);
        assertThat(s.score()).isEqualTo(60.0);
        assertThat(s.verdict()).isEqualTo(ScoreThresholds.Verdict.MARGINAL);
    }

    @Test
    void weightsApplyAndUnweightedGroupsShareTheRest() {
        CanaryScorer weighted = new CanaryScorer(Map.of("errors", 60.0), thresholds);
        CanaryScore s = weighted.score(List.of(result("e1", "errors", Classification.PASS),
                result("l1", "latency", Classification.HIGH), result("c1", "cpu", Classification.PASS)));

        // errors 100 × 0.6 + latency 0 × 0.2 + cpu 100 × 0.2
        assertThat(s.score()).isEqualTo(80.0);
        assertThat(s.groups()).extracting(GroupScore::weight).containsExactly(60.0, 20.0, 20.0);
    }

    @Test
    void criticalFailureZeroesTheScore() {
        CanaryScore s = scorer.score(List.of(result("a", "g", Classification.PASS),
                result("b", "g", Classification.PASS), result("c", "g", Classification.HIGH, true, true)));
        assertThat(s.score()).isZero();
        assertThat(s.verdict()).isEqualTo(ScoreThresholds.Verdict.FAIL);
        assertThat(s.reason()).contains("critical").contains("c");
    }

    @Test
    void criticalMetricHighBelowItsCriticalThresholdOnlyCountsAsHigh() {
        CanaryScore s = scorer.score(List.of(result("a", "g", Classification.PASS),
                result("b", "g", Classification.PASS), result("c", "g", Classification.PASS),
                result("d", "g", Classification.HIGH, true, false)));
        assertThat(s.score()).isEqualTo(75.0);
        assertThat(s.verdict()).isEqualTo(ScoreThresholds.Verdict.PASS);
    }

    @Test
    void halfTheMetricsWithoutDataZeroTheScore() {
        CanaryScore half = scorer.score(List.of(result("a", "g", Classification.PASS),
                result("b", "g", Classification.NODATA)));
        CanaryScore third = scorer.score(List.of(result("a", "g", Classification.PASS),
                result("b", "g", Classification.PASS), result("c", "g", Classification.NODATA)));
        assertThat(half.score()).isZero();
        assertThat(half.reason()).contains("1 of 2 metrics have no data");
        assertThat(third.score()).isEqualTo(100.0);
    }

    @Test
    void thresholdBoundariesAreInclusive() {
        assertThat(thresholds.classify(75.0)).isEqualTo(ScoreThresholds.Verdict.PASS);
        assertThat(thresholds.classify(74.999)).isEqualTo(ScoreThresholds.Verdict.MARGINAL);
        assertThat(thresholds.classify(50.0)).isEqualTo(ScoreThresholds.Verdict.MARGINAL);
        assertThat(thresholds.classify(49.999)).isEqualTo(ScoreThresholds.Verdict.FAIL);
    }

    @Test
    void badThresholdsAndWeightsAreRejected() {
        assertThatThrownBy(() -> new ScoreThresholds(101, 50)).hasMessageContaining("pass");
        assertThatThrownBy(() -> new ScoreThresholds(50, 60)).hasMessageContaining("marginal");
        assertThatThrownBy(() -> new CanaryScorer(Map.of("a", 70.0, "b", 40.0), thresholds))
                .hasMessageContaining("100");
        assertThatThrownBy(() -> scorer.score(List.of())).hasMessageContaining("metrics");
    }
}
