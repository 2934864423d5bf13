package dev.suture.core.judge;

/**
 * One metric group's score: 100 × pass / (pass + high + low + nodataFail). Plain NODATA metrics are
 * left out; a group with nothing left to count has {@code noData} and no say in the summary.
 */
public record GroupScore(String name, double score, boolean noData, double weight, int pass, int high, int low,
        int nodataFail, int nodata) {

    public GroupScore {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
    }
}
