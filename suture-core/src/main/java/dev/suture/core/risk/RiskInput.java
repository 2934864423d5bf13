package dev.suture.core.risk;

import dev.suture.core.finding.Finding;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.EpssScore;
import dev.suture.core.vuln.KevEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the risk of one finding depends on: the advisory's severity vectors, its KEV and EPSS
 * records (looked up by the caller under the advisory's CVE names), the asset's criticality and
 * exposure, and when the finding was first seen (the SLA clock starts there).
 */
public record RiskInput(List<Advisory.Severity> severities, Optional<KevEntry> kev, Optional<EpssScore> epss,
                        Criticality criticality, Exposure exposure, Instant firstSeen) {
  public RiskInput {
    severities = List.copyOf(severities);
    Objects.requireNonNull(kev, "kev");
    Objects.requireNonNull(epss, "epss");
    Objects.requireNonNull(criticality, "criticality");
    Objects.requireNonNull(exposure, "exposure");
    Objects.requireNonNull(firstSeen, "firstSeen");
  }

  /** The usual case: one finding of {@code advisory} on {@code asset}; the exposure comes from the asset's label. */
  public static RiskInput of(Advisory advisory, Asset asset, Finding finding, Optional<KevEntry> kev, Optional<EpssScore> epss) {
    return new RiskInput(advisory.severities(), kev, epss, asset.criticality(), Exposure.of(asset), finding.firstSeen());
  }
}
