package dev.suture.core.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kayenta's MannWhitneyClassifier as NetflixACAJudge runs it: 98 % interval, tolerance 0.25.
 * A metric is HIGH when the whole interval for experiment − control lies above
 * +tolerance·|estimate| (strictly) and the effect size is at least allowedIncrease; LOW when the
 * interval lies below −tolerance·|estimate| (strictly) and the effect size is at most
 * allowedDecrease; otherwise PASS.
 */
public final class MetricJudge {

    public static final double CONFIDENCE_LEVEL = 0.98;
    public static final double TOLERANCE = 0.25;
    /** Below this many points per series the verdict carries a warning (kayenta#521). */
    public static final int FEW_POINTS = 50;

    private MetricJudge() {
    }

    public static MetricResult classify(MetricSpec spec, double[] control, double[] experiment) {
        double[] c = Preprocessing.apply(control, spec.nanStrategy(), spec.outliers());
        double[] e = Preprocessing.apply(experiment, spec.nanStrategy(), spec.outliers());
        Working w = new Working(spec, SeriesStats.of(c), SeriesStats.of(e), warnings(c, e));
        if (c.length == 0 || e.length == 0) {
            return noData(spec, w);
        }
        if (sameMultiset(c, e)) {
            return w.result(Classification.PASS, "the canary and baseline data are identical", false, null, 1.0);
        }
        if (Arrays.stream(c).allMatch(v -> v == c[0]) && Arrays.stream(e).allMatch(v -> v == c[0])) {
            return w.result(Classification.PASS, "all values are equal", false, null, 1.0);
        }
        MannWhitneyResult test = MannWhitney.test(e, c, CONFIDENCE_LEVEL);
        double effect = EffectSizes.of(spec.effectSize(), c, e);
        Classification label = compare(spec.direction(), test, effect, spec.allowedIncrease(), spec.allowedDecrease());
        boolean criticalFailure = spec.critical() && label != Classification.PASS
                && compare(spec.direction(), test, effect, spec.criticalIncrease(), spec.criticalDecrease()) == label;
        return w.result(label, reason(label, test, effect, spec, criticalFailure), criticalFailure, test, effect);
    }

    static Classification compare(Direction direction, MannWhitneyResult test, double effect, double increase,
            double decrease) {
        double tolerance = TOLERANCE * Math.abs(test.estimate());
        boolean high = direction != Direction.DECREASE && test.lower() > tolerance && effect >= increase;
        boolean low = direction != Direction.INCREASE && test.upper() < -tolerance && effect <= decrease;
        return high ? Classification.HIGH : low ? Classification.LOW : Classification.PASS;
    }

    private static MetricResult noData(MetricSpec spec, Working w) {
        if (spec.nanStrategy() == NanStrategy.REPLACE) {
            // Kayenta: with NaNs replaced there is nothing to miss, so an empty series passes.
            return w.result(Classification.PASS, "no data, and NaNs are replaced by 0", false, null, 1.0);
        }
        String reason = "missing data for " + spec.name();
        if (spec.mustHaveData() && !spec.critical()) {
            return w.result(Classification.NODATA_FAIL_METRIC, reason + " (mustHaveData)", false, null, 1.0);
        }
        return w.result(Classification.NODATA, reason, spec.critical(), null, 1.0);
    }

    private static String reason(Classification label, MannWhitneyResult t, double effect, MetricSpec spec,
            boolean criticalFailure) {
        String interval = String.format(java.util.Locale.ROOT, "98%% interval [%.6g, %.6g], tolerance ±%.6g, %s %.6g", t.lower(),
                t.upper(), TOLERANCE * Math.abs(t.estimate()), spec.effectSize().name().toLowerCase(), effect);
        String verdict = switch (label) {
            case HIGH -> "canary is higher than baseline: ";
            case LOW -> "canary is lower than baseline: ";
            default -> "no significant difference in the failing direction: ";
        };
        return verdict + interval + (criticalFailure ? "; critical metric failed" : "");
    }

    private static boolean sameMultiset(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    private static List<String> warnings(double[] c, double[] e) {
        List<String> out = new ArrayList<>();
        if (c.length < FEW_POINTS) {
            out.add("baseline has " + c.length + " data points (< " + FEW_POINTS + "): the verdict is weak");
        }
        if (e.length < FEW_POINTS) {
            out.add("canary has " + e.length + " data points (< " + FEW_POINTS + "): the verdict is weak");
        }
        return out;
    }

    private record Working(MetricSpec spec, SeriesStats control, SeriesStats experiment, List<String> warnings) {

        MetricResult result(Classification label, String reason, boolean criticalFailure, MannWhitneyResult test,
                double effect) {
            double tolerance = test == null ? Double.NaN : TOLERANCE * Math.abs(test.estimate());
            return new MetricResult(spec.name(), spec.group(), label, reason, spec.critical(), criticalFailure,
                    control, experiment, test, tolerance, spec.effectSize(), test == null ? Double.NaN : effect,
                    warnings);
        }
    }
}
