package dev.suture.core.judge;

import java.util.List;
import java.util.Objects;

/**
 * A metric's verdict with its working. {@code test} is null when the Mann-Whitney test was not run
 * (no data, identical series, a single distinct value); tolerance and effect size are then NaN.
 *
 * @param criticalFailure a critical metric failed badly enough to zero the canary score
 */
public record MetricResult(String name, String group, Classification classification, String reason,
        boolean critical, boolean criticalFailure, SeriesStats control, SeriesStats experiment,
        MannWhitneyResult test, double tolerance, EffectSizeMeasure effectSizeMeasure, double effectSize,
        List<String> warnings) {

    public MetricResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(effectSizeMeasure, "effectSizeMeasure");
        warnings = List.copyOf(warnings);
        if (criticalFailure && !critical) {
            throw new IllegalArgumentException("criticalFailure needs a critical metric");
        }
    }
}
