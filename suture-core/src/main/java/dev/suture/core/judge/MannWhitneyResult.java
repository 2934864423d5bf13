package dev.suture.core.judge;

/**
 * Outcome of the two-sided Mann-Whitney U test of experiment against control: the statistic W
 * (R's "W"), its normal-approximation p-value, the confidence interval for the location shift
 * experiment − control, and the shift estimate.
 */
public record MannWhitneyResult(double statistic, double pValue, double lower, double upper, double estimate,
        double confidenceLevel) {

    public MannWhitneyResult {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1), got " + confidenceLevel);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("lower must not exceed upper: " + lower + " > " + upper);
        }
    }
}
