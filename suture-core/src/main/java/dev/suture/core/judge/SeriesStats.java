package dev.suture.core.judge;

import java.util.Arrays;

/** What a series looked like after preprocessing: shown with every verdict. */
public record SeriesStats(int count, double mean, double median, double min, double max) {

    public SeriesStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
    }

    public static SeriesStats of(double[] values) {
        if (values.length == 0) {
            return new SeriesStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new SeriesStats(n, Arrays.stream(sorted).average().orElseThrow(), median, sorted[0], sorted[n - 1]);
    }
}
