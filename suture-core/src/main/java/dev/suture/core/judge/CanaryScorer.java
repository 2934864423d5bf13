package dev.suture.core.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kayenta's WeightedSumScorer plus the two zeroing rules: the score is 0 when a critical metric
 * failed, or when half or more of the metrics had no data (a canary we could not see is not healthy).
 * Group weights are percentages; groups without a configured weight share what is left of 100.
 */
public final class CanaryScorer {

    private final Map<String, Double> weights;
    private final ScoreThresholds thresholds;

    public CanaryScorer(Map<String, Double> weights, ScoreThresholds thresholds) {
        weights.forEach((group, w) -> {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("weight of group " + group + " must be >= 0");
            }
        });
        if (weights.values().stream().mapToDouble(Double::doubleValue).sum() > 100) {
            throw new IllegalArgumentException("group weights must not add up to more than 100");
        }
        this.weights = Map.copyOf(weights);
        this.thresholds = thresholds;
    }

    public CanaryScore score(List<MetricResult> metrics) {
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics must not be empty");
        }
        Map<String, List<MetricResult>> byGroup = new LinkedHashMap<>();
        metrics.forEach(m -> byGroup.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m));
        long unweighted = byGroup.keySet().stream().filter(g -> !weights.containsKey(g)).count();
        double rest = 100 - weights.values().stream().mapToDouble(Double::doubleValue).sum();
        List<GroupScore> groups = new ArrayList<>();
        double sum = 0;
        for (Map.Entry<String, List<MetricResult>> entry : byGroup.entrySet()) {
            double weight = weights.getOrDefault(entry.getKey(), unweighted == 0 ? 0 : rest / unweighted);
            GroupScore group = group(entry.getKey(), weight, entry.getValue());
            groups.add(group);
            if (!group.noData()) {
                sum += group.score() * weight / 100;
            }
        }
        List<String> critical = metrics.stream().filter(MetricResult::criticalFailure).map(MetricResult::name)
                .toList();
        long noData = metrics.stream().filter(m -> m.classification().isNoData()).count();
        if (!critical.isEmpty()) {
            return new CanaryScore(0, thresholds.classify(0), "critical metric failed: " + String.join(", ", critical),
                    groups, metrics);
        }
        if (noData * 2 >= metrics.size()) {
            return new CanaryScore(0, thresholds.classify(0),
                    noData + " of " + metrics.size() + " metrics have no data", groups, metrics);
        }
        ScoreThresholds.Verdict verdict = thresholds.classify(sum);
        return new CanaryScore(sum, verdict, String.format("score %.2f against pass %.2f, marginal %.2f", sum,
                thresholds.pass(), thresholds.marginal()), groups, metrics);
    }

    private static GroupScore group(String name, double weight, List<MetricResult> results) {
        int[] counts = new int[Classification.values().length];
        results.forEach(r -> counts[r.classification().ordinal()]++);
        int pass = counts[Classification.PASS.ordinal()];
        int high = counts[Classification.HIGH.ordinal()];
        int low = counts[Classification.LOW.ordinal()];
        int fail = counts[Classification.NODATA_FAIL_METRIC.ordinal()];
        int total = pass + high + low + fail;
        double score = total == 0 ? 0 : 100.0 * pass / total;
        return new GroupScore(name, score, total == 0, weight, pass, high, low, fail,
                counts[Classification.NODATA.ordinal()]);
    }
}
