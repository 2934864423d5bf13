package dev.suture.core.judge;

/** Effect size of experiment against control. */
final class EffectSizes {

    private EffectSizes() {
    }

    static double of(EffectSizeMeasure measure, double[] control, double[] experiment) {
        return measure == EffectSizeMeasure.CLES ? cles(control, experiment) : meanRatio(control, experiment);
    }

    /** IEEE division on purpose: a zero control mean gives ±Infinity (a rise from nothing is "large"). */
    static double meanRatio(double[] control, double[] experiment) {
        return SeriesStats.of(experiment).mean() / SeriesStats.of(control).mean();
    }

    static double cles(double[] control, double[] experiment) {
        double wins = 0;
        for (double e : experiment) {
            for (double c : control) {
                wins += e > c ? 1.0 : e == c ? 0.5 : 0.0;
            }
        }
        return wins / ((double) control.length * experiment.length);
    }
}
