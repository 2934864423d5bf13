package dev.suture.core.vuln;

import dev.suture.core.finding.Finding;
import dev.suture.core.model.Asset;
import dev.suture.core.risk.Exposure;
import dev.suture.core.risk.RiskInput;
import dev.suture.core.risk.RiskScore;
import dev.suture.core.risk.RiskScorer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Findings with their risk, computed when read: KEV, EPSS and the asset's labels change without the
 * finding changing, so a stored score would go stale. Lookups are batched per page of findings.
 */
public final class FindingViews {
  /** A finding, its advisory's summary and CVE names, and its risk (empty when the advisory is gone). */
  public record Scored(Finding finding, String summary, List<String> aliases, Optional<RiskScore> risk, boolean kev,
                       Optional<Double> epss) {}

  private final VulnerabilityService service;
  private final RiskScorer scorer;

  public FindingViews(VulnerabilityService service, RiskScorer scorer) {
    this.service = service;
    this.scorer = scorer;
  }

  public List<Scored> score(List<Finding> findings) {
    Set<String> ids = new HashSet<>();
    for (Finding f : findings) ids.add(f.key().advisoryId());
    Map<String, Advisory> advisories = service.feeds().advisories(ids).stream()
        .collect(Collectors.toMap(Advisory::id, Function.identity(), (a, b) -> a));
    Set<String> cves = new HashSet<>();
    for (Advisory a : advisories.values()) for (String n : a.names()) if (n.startsWith("CVE-")) cves.add(n);
    Map<String, KevEntry> kev = service.feeds().kev(cves);
    Map<String, EpssScore> epss = service.feeds().epss(cves);
    Map<String, Asset> assets = service.assets();
    List<Scored> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Advisory a = advisories.get(f.key().advisoryId());
      if (a == null) {
        out.add(new Scored(f, "", List.of(), Optional.empty(), false, Optional.empty()));
        continue;
      }
      Optional<KevEntry> k = a.names().stream().map(kev::get).filter(x -> x != null).findFirst();
      Optional<EpssScore> e = a.names().stream().map(epss::get).filter(x -> x != null)
          .max(java.util.Comparator.comparingDouble(EpssScore::epss));
      Asset asset = assets.get(f.key().asset());
      Optional<RiskScore> risk = Optional.empty();
      if (asset != null) {
        Exposure exposure;
        try {
          exposure = Exposure.of(asset);
        } catch (IllegalArgumentException bad) {
          exposure = Exposure.INTERNET; // an unreadable exposure label must never lower the risk
        }
        risk = Optional.of(scorer.score(new RiskInput(a.severities(), k, e, asset.criticality(), exposure, f.firstSeen())));
      }
      out.add(new Scored(f, a.summary(), a.osv().aliases(), risk, k.isPresent(), e.map(EpssScore::epss)));
    }
    return out;
  }
}
