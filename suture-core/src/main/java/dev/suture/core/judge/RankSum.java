package dev.suture.core.judge;

import java.util.Arrays;

/**
 * The standardized Wilcoxon rank-sum statistic of {@code x - shift} against {@code y}: R's
 * {@code W(d)} inside {@code wilcox.test.default}. Ranks are averaged over ties, sigma carries the
 * tie correction, and the optional continuity correction takes the sign of the centred statistic
 * (zero when the statistic sits exactly on its mean), as R does.
 */
final class RankSum {

    private final double[] x;
    private final double[] y;

    RankSum(double[] x, double[] y) {
        this.x = x.clone();
        this.y = y.clone();
    }

    /** Raw statistic: W = sum of the ranks of x − shift minus nx(nx+1)/2, and the tie sum Σ(t³ − t). */
    double[] statistic(double shift) {
        int nx = x.length;
        int n = nx + y.length;
        double[] values = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < nx ? x[i] - shift : y[i - nx];
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(values[i], values[j]));
        double rankSumX = 0;
        double ties = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end + 2) / 2.0;
            for (int k = start; k <= end; k++) {
                if (order[k] < nx) {
                    rankSumX += rank;
                }
            }
            double t = end - start + 1;
            ties += t * t * t - t;
            start = end + 1;
        }
        return new double[] {rankSumX - nx * (nx + 1) / 2.0, ties};
    }

    double standardized(double shift, boolean correct) {
        double nx = x.length;
        double ny = y.length;
        double[] stat = statistic(shift);
        double dz = stat[0] - nx * ny / 2;
        double correction = correct ? Math.signum(dz) * 0.5 : 0;
        double sigma = Math.sqrt((nx * ny / 12) * ((nx + ny + 1) - stat[1] / ((nx + ny) * (nx + ny - 1))));
        return (dz - correction) / sigma;
    }
}
