package dev.suture.core.judge;

import java.util.Arrays;

/**
 * Mann-Whitney U (Wilcoxon rank-sum) test, reproducing R's
 * {@code wilcox.test(x, y, exact=FALSE, correct=TRUE, conf.int=TRUE, conf.level=L)} for a
 * two-sided alternative: normal approximation with tie-corrected sigma and continuity correction;
 * the interval bounds are the shifts where the corrected statistic crosses ±z(α/2), and the
 * estimate the shift where the uncorrected statistic crosses 0, both found with R's uniroot.
 */
public final class MannWhitney {

    /** R's default {@code tol.root}. */
    static final double ROOT_TOLERANCE = 1e-4;
    private static final int MAX_ITERATIONS = 1000;

    private MannWhitney() {
    }

    /** @param experiment x in R's call; @param control y. */
    public static MannWhitneyResult test(double[] experiment, double[] control, double confidenceLevel) {
        if (experiment.length == 0 || control.length == 0) {
            throw new IllegalArgumentException("both series need at least one value");
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1), got " + confidenceLevel);
        }
        for (double v : experiment) {
            requireFinite(v);
        }
        for (double v : control) {
            requireFinite(v);
        }
        RankSum w = new RankSum(experiment, control);
        double mumin = min(experiment) - max(control);
        double mumax = max(experiment) - min(control);
        if (!(mumin < mumax)) {
            throw new IllegalArgumentException("all observations are tied; the interval is undefined");
        }
        double z = w.standardized(0, true);
        double pValue = 2 * Math.min(Normal.cdf(z), 1 - Normal.cdf(z));
        double alpha = 1 - confidenceLevel;
        double zq = -Normal.quantile(alpha / 2); // qnorm(alpha/2, lower.tail = FALSE)
        double wMin = w.standardized(mumin, true);
        double wMax = w.standardized(mumax, true);
        double lower = bound(w, zq, mumin, mumax, wMin, wMax);
        double upper = bound(w, -zq, mumin, mumax, wMin, wMax);
        // The estimate uses no continuity correction (R sets correct <- FALSE before it).
        double estimate = Zeroin.root(d -> w.standardized(d, false), mumin, mumax,
                w.standardized(mumin, false), w.standardized(mumax, false), ROOT_TOLERANCE, MAX_ITERATIONS);
        return new MannWhitneyResult(w.statistic(0)[0], Math.min(1, pValue), lower, upper, estimate, confidenceLevel);
    }

    private static double bound(RankSum w, double zq, double mumin, double mumax, double wMin, double wMax) {
        double fLower = wMin - zq;
        if (fLower <= 0) {
            return mumin;
        }
        double fUpper = wMax - zq;
        if (fUpper >= 0) {
            return mumax;
        }
        return Zeroin.root(d -> w.standardized(d, true) - zq, mumin, mumax, fLower, fUpper, ROOT_TOLERANCE,
                MAX_ITERATIONS);
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("values must be finite, got " + v);
        }
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
