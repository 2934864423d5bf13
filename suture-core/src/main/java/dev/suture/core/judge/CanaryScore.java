package dev.suture.core.judge;

import java.util.List;

/** The canary's summary: score, verdict and why, with every group and metric result. */
public record CanaryScore(double score, ScoreThresholds.Verdict verdict, String reason, List<GroupScore> groups,
        List<MetricResult> metrics) {

    public CanaryScore {
        groups = List.copyOf(groups);
        metrics = List.copyOf(metrics);
    }
}
