package dev.suture.core.judge;

/**
 * Canary score thresholds. Boundary rule: a score equal to {@code pass} passes, a score equal to
 * {@code marginal} is marginal (both comparisons are {@code >=}, as Kayenta's ThresholdScoreClassifier).
 */
public record ScoreThresholds(double pass, double marginal) {

    public ScoreThresholds {
        if (!(pass >= 0 && pass <= 100)) {
            throw new IllegalArgumentException("pass must be between 0 and 100, got " + pass);
        }
        if (!(marginal >= 0 && marginal <= pass)) {
            throw new IllegalArgumentException("marginal must be between 0 and pass, got " + marginal);
        }
    }

    public Verdict classify(double score) {
        return score >= pass ? Verdict.PASS : score >= marginal ? Verdict.MARGINAL : Verdict.FAIL;
    }

    /** Canary summary outcome. */
    public enum Verdict {
        PASS,
        MARGINAL,
        FAIL
    }
}
