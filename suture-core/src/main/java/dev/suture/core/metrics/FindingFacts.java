package dev.suture.core.metrics;

import dev.suture.core.report.CoverageReport;
import dev.suture.core.report.MttpReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The findings-based reports M5 and M6 are exported from (docs/reports.md): coverage now, and MTTP over
 * the metrics window. Kept apart from {@link ProgrammeRecords}, which is read from the rollout records.
 */
public record FindingFacts(CoverageReport coverage, MttpReport mttp) {
  public FindingFacts {
    Objects.requireNonNull(coverage, "coverage");
    Objects.requireNonNull(mttp, "mttp");
  }

  /** No assets and no findings: M5 and M6 are NaN (no data), their counts 0. */
  public static FindingFacts none(Instant now, Duration window) {
    return new FindingFacts(CoverageReport.of(List.of(), Set.of(), List.of()),
        MttpReport.of(now, window, List.of(), Map.of(), Map.of(), Map.of()));
  }
}
