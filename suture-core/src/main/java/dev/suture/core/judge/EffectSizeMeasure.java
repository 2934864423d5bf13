package dev.suture.core.judge;

/** How the size of a difference is measured, next to its significance. */
public enum EffectSizeMeasure {
    /** mean(experiment) / mean(control); "no change" is 1.0. */
    MEAN_RATIO(1.0),
    /** Common-language effect size: P(experiment > control), ties counting half; "no change" is 0.5. */
    CLES(0.5);

    private final double neutral;

    EffectSizeMeasure(double neutral) {
        this.neutral = neutral;
    }

    /** The default allowed increase/decrease: any difference in the failing direction counts. */
    public double neutral() {
        return neutral;
    }
}
