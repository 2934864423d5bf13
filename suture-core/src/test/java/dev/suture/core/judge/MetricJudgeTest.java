package dev.suture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Kayenta's classification rules, one at a time, on data whose R interval is in wilcox-cases.csv. */
class MetricJudgeTest {

    // R case "shifted": 98% interval [6.0000, 13.9001], estimate 10.0999.
    private static final double[] HIGH_CANARY = {11.2, 12.5, 13.1, 14.8, 15.0, 16.3, 17.7, 18.2, 19.9, 20.4};
    private static final double[] BASELINE = {1.1, 2.4, 3.0, 4.7, 5.5, 6.2, 7.9, 8.1, 9.6, 10.3};
    // R case "unequal": interval [0.2000, 3.1999] excludes 0, estimate 1.6223, tolerance 0.4056 > 0.2.
    private static final double[] UNEQUAL_CANARY = {10.2, 11.7, 9.8, 12.4, 10.9};
    private static final double[] UNEQUAL_BASELINE = {9.1, 8.7, 10.3, 9.9, 8.2, 9.4, 10.0, 8.9, 9.6, 9.2, 8.5, 10.1};

    private final MetricSpec spec = MetricSpec.defaults("latency");

    @Test
    void intervalAboveToleranceIsHighWithItsWorking() {
        MetricResult r = MetricJudge.classify(spec, BASELINE, HIGH_CANARY);

        assertThat(r.classification()).isEqualTo(Classification.HIGH);
        assertThat(r.test().lower()).isCloseTo(6.0000164, within(1e-4));
        assertThat(r.test().upper()).isCloseTo(13.900077, within(1e-4));
        assertThat(r.tolerance()).isCloseTo(0.25 * 10.0999599, within(1e-4));
        assertThat(r.effectSize()).isCloseTo(15.91 / 5.88, within(1e-9));
        assertThat(r.control().count()).isEqualTo(10);
        assertThat(r.experiment().mean()).isCloseTo(15.91, within(1e-9));
        assertThat(r.warnings()).hasSize(2).allMatch(w -> w.contains("< 50"));
        assertThat(r.reason()).contains("higher").contains("tolerance");
    }

    @Test
    void intervalBelowToleranceIsLow() {
        assertThat(MetricJudge.classify(spec, HIGH_CANARY, BASELINE).classification()).isEqualTo(Classification.LOW);
    }

    @Test
    void directionDecidesWhichSideFails() {
        assertThat(MetricJudge.classify(spec.withDirection(Direction.DECREASE), BASELINE, HIGH_CANARY)
                .classification()).isEqualTo(Classification.PASS);
        assertThat(MetricJudge.classify(spec.withDirection(Direction.INCREASE), HIGH_CANARY, BASELINE)
                .classification()).isEqualTo(Classification.PASS);
        assertThat(MetricJudge.classify(spec.withDirection(Direction.INCREASE), BASELINE, HIGH_CANARY)
                .classification()).isEqualTo(Classification.HIGH);
    }

    @Test
    void significantButWithinToleranceOfTheEstimatePasses() {
        MetricResult r = MetricJudge.classify(spec, UNEQUAL_BASELINE, UNEQUAL_CANARY);

        assertThat(r.test().lower()).isPositive().isLessThan(r.tolerance());
        assertThat(r.classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void allowedIncreaseAndDecreaseGateOnTheMeanRatio() {
        // mean ratio 15.91 / 5.88 = 2.706
        assertThat(MetricJudge.classify(spec.withEffectSize(EffectSizeMeasure.MEAN_RATIO, 2.8, 1.0), BASELINE,
                HIGH_CANARY).classification()).isEqualTo(Classification.PASS);
        assertThat(MetricJudge.classify(spec.withEffectSize(EffectSizeMeasure.MEAN_RATIO, 2.7, 1.0), BASELINE,
                HIGH_CANARY).classification()).isEqualTo(Classification.HIGH);
        // the other way round the ratio is 0.3696: LOW only when at or below allowedDecrease
        assertThat(MetricJudge.classify(spec.withEffectSize(EffectSizeMeasure.MEAN_RATIO, 1.0, 0.3), HIGH_CANARY,
                BASELINE).classification()).isEqualTo(Classification.PASS);
        assertThat(MetricJudge.classify(spec.withEffectSize(EffectSizeMeasure.MEAN_RATIO, 1.0, 0.4), HIGH_CANARY,
                BASELINE).classification()).isEqualTo(Classification.LOW);
    }

    @Test
    void clesCountsPairsWithTiesAsHalf() {
        assertThat(EffectSizes.cles(new double[] {1, 2}, new double[] {2, 3})).isEqualTo((0.5 + 1 + 1 + 1) / 4);
        MetricResult r = MetricJudge.classify(spec.withEffectSize(EffectSizeMeasure.CLES, 0.5, 0.5), BASELINE,
                HIGH_CANARY);
        assertThat(r.effectSize()).isEqualTo(1.0);
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
    }

    @Test
    void criticalMetricFailsTheCanaryOnlyBeyondItsCriticalThresholds() {
        MetricResult severe = MetricJudge.classify(spec.asCritical(1.0, 1.0), BASELINE, HIGH_CANARY);
        MetricResult mild = MetricJudge.classify(spec.asCritical(3.0, 0.2), BASELINE, HIGH_CANARY);

        assertThat(severe.criticalFailure()).isTrue();
        assertThat(mild.classification()).isEqualTo(Classification.HIGH);
        assertThat(mild.criticalFailure()).isFalse();
    }

    @Test
    void missingDataIsNodataOrNodataFailMetricOrPassWhenReplaced() {
        double[] none = {Double.NaN, Double.NaN};
        assertThat(MetricJudge.classify(spec, BASELINE, none).classification()).isEqualTo(Classification.NODATA);
        assertThat(MetricJudge.classify(spec.withData(NanStrategy.REMOVE, OutlierStrategy.KEEP, true), BASELINE,
                none).classification()).isEqualTo(Classification.NODATA_FAIL_METRIC);
        MetricResult critical = MetricJudge.classify(spec.asCritical(1, 1), new double[0], HIGH_CANARY);
        assertThat(critical.classification()).isEqualTo(Classification.NODATA);
        assertThat(critical.criticalFailure()).isTrue();
        MetricResult replaced = MetricJudge.classify(spec.withData(NanStrategy.REPLACE, OutlierStrategy.KEEP, false),
                BASELINE, java.util.stream.DoubleStream.generate(() -> Double.NaN).limit(10).toArray());
        assertThat(replaced.experiment().count()).isEqualTo(10);
        assertThat(replaced.experiment().mean()).isZero();
        assertThat(replaced.classification()).isEqualTo(Classification.LOW);
    }

    @Test
    void identicalOrSingleValuedSeriesPassWithoutATest() {
        MetricResult same = MetricJudge.classify(spec, new double[] {3, 1, 2}, new double[] {1, 2, 3});
        MetricResult flat = MetricJudge.classify(spec, new double[] {0, 0}, new double[] {0, 0, 0});

        assertThat(same.classification()).isEqualTo(Classification.PASS);
        assertThat(same.reason()).contains("identical");
        assertThat(same.test()).isNull();
        assertThat(flat.classification()).isEqualTo(Classification.PASS);
        assertThat(flat.tolerance()).isNaN();
    }

    @Test
    void nanRemovalShrinksTheSeries() {
        double[] withNan = {1.1, Double.NaN, 2.4, 3.0, 4.7, 5.5, 6.2, 7.9, 8.1, 9.6, 10.3};
        MetricResult r = MetricJudge.classify(spec, withNan, HIGH_CANARY);
        assertThat(r.control().count()).isEqualTo(10);
        assertThat(r.classification()).isEqualTo(Classification.HIGH);
    }

    @Test
    void outlierRemovalDropsOnlyPointsOutsideTheWiderFence() {
        double[] data = IntStream.rangeClosed(0, 119).mapToDouble(i -> i == 119 ? 10_000 : i).toArray();
        assertThat(Preprocessing.apply(data, NanStrategy.REMOVE, OutlierStrategy.REMOVE)).hasSize(119)
                .doesNotContain(10_000.0);
        assertThat(Preprocessing.apply(data, NanStrategy.REMOVE, OutlierStrategy.KEEP)).hasSize(120);
        // Below 99 points the 99th percentile is the maximum, so reduced sensitivity keeps everything.
        double[] small = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10_000};
        assertThat(Preprocessing.apply(small, NanStrategy.REMOVE, OutlierStrategy.REMOVE)).hasSize(10);
    }

    @Test
    void percentileFollowsCommonsMathDefault() {
        double[] d = {1, 2, 3, 4};
        assertThat(Preprocessing.percentile(d, 25)).isEqualTo(1.25); // pos 1.25
        assertThat(Preprocessing.percentile(d, 75)).isEqualTo(3.75);
        assertThat(Preprocessing.percentile(d, 1)).isEqualTo(1.0);
        assertThat(Preprocessing.percentile(d, 99)).isEqualTo(4.0);
    }

    @Test
    void fiftyPointsCarryNoWarning() {
        double[] c = IntStream.range(0, 50).mapToDouble(i -> i).toArray();
        double[] e = IntStream.range(0, 50).mapToDouble(i -> i + 0.5).toArray();
        assertThat(MetricJudge.classify(spec, c, e).warnings()).isEmpty();
    }

    @Test
    void specRejectsBadFieldsByName() {
        assertThatThrownBy(() -> MetricSpec.defaults(" ")).hasMessageContaining("name");
        assertThatThrownBy(() -> spec.withEffectSize(EffectSizeMeasure.MEAN_RATIO, 1.0, 1.2))
                .hasMessageContaining("allowedDecrease");
        assertThatThrownBy(() -> spec.withEffectSize(EffectSizeMeasure.MEAN_RATIO, Double.NaN, 1.0))
                .hasMessageContaining("allowedIncrease");
    }
}
