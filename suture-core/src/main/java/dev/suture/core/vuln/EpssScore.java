package dev.suture.core.vuln;

import java.time.LocalDate;
import java.util.Objects;

/**
 * FIRST's EPSS estimate for one CVE: the probability of exploitation activity in the next 30 days
 * ({@code epss}, 0..1) and its percentile among all scored CVEs, as of {@code scoreDate}.
 */
public record EpssScore(String cveId, double epss, double percentile, LocalDate scoreDate) {
  public EpssScore {
    Objects.requireNonNull(cveId, "cveId");
    if (!(epss >= 0 && epss <= 1)) throw new IllegalArgumentException("epss must be within 0..1, was " + epss);
    if (!(percentile >= 0 && percentile <= 1)) throw new IllegalArgumentException("percentile must be within 0..1, was " + percentile);
    Objects.requireNonNull(scoreDate, "scoreDate");
  }
}
