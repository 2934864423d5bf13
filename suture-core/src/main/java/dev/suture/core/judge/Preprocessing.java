package dev.suture.core.judge;

import java.util.Arrays;

/**
 * Kayenta's metric transforms, in its order: NaN handling first, then (optionally) the IQR outlier
 * filter Kayenta's judge uses: factor 3 with reduced sensitivity, i.e. fences at
 * min(P1, Q1 − 3·IQR) and max(P99, Q3 + 3·IQR); percentiles as Apache Commons Math's default
 * ({@code StatUtils.percentile}: position p(n+1)/100, linear interpolation, clamped to min/max).
 */
public final class Preprocessing {

    static final double OUTLIER_FACTOR = 3.0;

    private Preprocessing() {
    }

    public static double[] apply(double[] values, NanStrategy nan, OutlierStrategy outliers) {
        double[] cleaned = nan == NanStrategy.REMOVE
                ? Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray()
                : Arrays.stream(values).map(v -> Double.isNaN(v) ? 0.0 : v).toArray();
        return outliers == OutlierStrategy.REMOVE ? removeOutliers(cleaned) : cleaned;
    }

    static double[] removeOutliers(double[] data) {
        if (data.length == 0) {
            return data;
        }
        double p25 = percentile(data, 25);
        double p75 = percentile(data, 75);
        double iqr = p75 - p25;
        double lowerFence = Math.min(percentile(data, 1), p25 - OUTLIER_FACTOR * iqr);
        double upperFence = Math.max(percentile(data, 99), p75 + OUTLIER_FACTOR * iqr);
        return Arrays.stream(data).filter(v -> v >= lowerFence && v <= upperFence).toArray();
    }

    static double percentile(double[] data, double p) {
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 1) {
            return sorted[0];
        }
        double pos = p * (n + 1) / 100;
        if (pos < 1) {
            return sorted[0];
        }
        if (pos >= n) {
            return sorted[n - 1];
        }
        double floor = Math.floor(pos);
        double lower = sorted[(int) floor - 1];
        double upper = sorted[(int) floor];
        return lower + (pos - floor) * (upper - lower);
    }
}
