package dev.suture.core.judge;

import java.util.Objects;

/**
 * How one metric is judged (Kayenta's per-metric canary analysis configuration).
 *
 * @param allowedIncrease effect size at or above which a significant rise is HIGH
 * @param allowedDecrease effect size at or below which a significant drop is LOW
 * @param criticalIncrease for critical metrics, effect size at or above which HIGH fails the whole canary
 * @param criticalDecrease likewise for LOW
 */
public record MetricSpec(String name, String group, Direction direction, NanStrategy nanStrategy,
        OutlierStrategy outliers, boolean critical, boolean mustHaveData, EffectSizeMeasure effectSize,
        double allowedIncrease, double allowedDecrease, double criticalIncrease, double criticalDecrease) {

    public MetricSpec {
        requireText(name, "name");
        requireText(group, "group");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(nanStrategy, "nanStrategy");
        Objects.requireNonNull(outliers, "outliers");
        Objects.requireNonNull(effectSize, "effectSize");
        requirePositive(allowedIncrease, "allowedIncrease");
        requirePositive(allowedDecrease, "allowedDecrease");
        requirePositive(criticalIncrease, "criticalIncrease");
        requirePositive(criticalDecrease, "criticalDecrease");
        if (allowedDecrease > allowedIncrease) {
            throw new IllegalArgumentException("allowedDecrease must not exceed allowedIncrease");
        }
    }

    /** Kayenta's defaults: direction either, NaNs removed, outliers kept, mean ratio, thresholds neutral. */
    public static MetricSpec defaults(String name) {
        return new MetricSpec(name, "default", Direction.EITHER, NanStrategy.REMOVE, OutlierStrategy.KEEP, false,
                false, EffectSizeMeasure.MEAN_RATIO, 1.0, 1.0, 1.0, 1.0);
    }

    public MetricSpec withDirection(Direction value) {
        return new MetricSpec(name, group, value, nanStrategy, outliers, critical, mustHaveData, effectSize,
                allowedIncrease, allowedDecrease, criticalIncrease, criticalDecrease);
    }

    public MetricSpec withGroup(String value) {
        return new MetricSpec(name, value, direction, nanStrategy, outliers, critical, mustHaveData, effectSize,
                allowedIncrease, allowedDecrease, criticalIncrease, criticalDecrease);
    }

    public MetricSpec withData(NanStrategy nan, OutlierStrategy outlier, boolean required) {
        return new MetricSpec(name, group, direction, nan, outlier, critical, required, effectSize,
                allowedIncrease, allowedDecrease, criticalIncrease, criticalDecrease);
    }

    public MetricSpec withEffectSize(EffectSizeMeasure measure, double increase, double decrease) {
        return new MetricSpec(name, group, direction, nanStrategy, outliers, critical, mustHaveData, measure,
                increase, decrease, criticalIncrease, criticalDecrease);
    }

    public MetricSpec asCritical(double increase, double decrease) {
        return new MetricSpec(name, group, direction, nanStrategy, outliers, true, mustHaveData, effectSize,
                allowedIncrease, allowedDecrease, increase, decrease);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    private static void requirePositive(double value, String field) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + value);
        }
    }
}
