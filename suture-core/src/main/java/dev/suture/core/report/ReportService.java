package dev.suture.core.report;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingQuery;
import dev.suture.core.finding.FindingState;
import dev.suture.core.model.Asset;
import dev.suture.core.risk.RiskScore;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.FindingViews;
import dev.suture.core.vuln.KevEntry;
import dev.suture.core.vuln.VulnerabilityService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads what the reports need through the ports (findings, inventories, advisories, KEV, asset
 * documents), scores risk with {@link FindingViews} and computes the pure reports. Every call reads
 * afresh: reports are asked for rarely and must not be stale.
 */
public final class ReportService {
  private static final Set<FindingState> ACTIVE = EnumSet.of(FindingState.OPEN, FindingState.PATCH_PLANNED);

  private final VulnerabilityService service;
  private final FindingViews views;
  private final List<List<String>> promotionChains;
  private final double atRiskFraction;
  private final Clock clock;

  /**
   * @param promotionChains the promotion order (PromotionPolicy.chains()), for drift
   * @param atRiskFraction the SLA policy's at-risk fraction (0.25 by default)
   */
  public ReportService(VulnerabilityService service, FindingViews views, List<List<String>> promotionChains, double atRiskFraction,
                       Clock clock) {
    this.service = service;
    this.views = views;
    this.promotionChains = promotionChains.stream().map(List::copyOf).toList();
    this.atRiskFraction = atRiskFraction;
    this.clock = clock;
  }

  public Report report(ReportKind kind, Duration window) {
    switch (kind) {
      case COVERAGE: return coverage();
      case MTTP: return mttp(window);
      case SLA: return sla(window);
      case KEV: return kev();
      default: return drift();
    }
  }

  public CoverageReport coverage() {
    Map<String, Asset> assets = service.assets();
    return CoverageReport.of(assets.values(), new HashSet<>(service.inventories().assets()), findings(ACTIVE));
  }

  public MttpReport mttp(Duration window) {
    Instant now = clock.instant();
    List<Finding> remediated = remediatedIn(now, positive(window));
    return MttpReport.of(now, window, remediated, advisories(remediated), risks(remediated), service.assets());
  }

  public SlaBreachReport sla(Duration window) {
    Instant now = clock.instant();
    List<Finding> fs = new java.util.ArrayList<>(findings(ACTIVE));
    fs.addAll(remediatedIn(now, positive(window)));
    return SlaBreachReport.of(now, window, atRiskFraction, fs, risks(fs), service.assets());
  }

  public KevExposureReport kev() {
    List<Finding> active = findings(ACTIVE);
    Map<String, Advisory> advisories = advisories(active);
    Set<String> names = new HashSet<>();
    for (Advisory a : advisories.values()) names.addAll(a.names());
    Map<String, KevEntry> kev = service.feeds().kev(names);
    return KevExposureReport.of(active, advisories, kev, service.assets());
  }

  public DriftReport drift() {
    DriftReport.Builder b = DriftReport.builder(service.assets(), promotionChains);
    service.inventories().forEach(b::add);
    return b.build();
  }

  private List<Finding> findings(Set<FindingState> states) {
    return service.findings().list(new FindingQuery(Optional.empty(), states, Optional.empty(), Integer.MAX_VALUE));
  }

  /** REMEDIATED findings whose remediation is in {@code (now − window, now]}, filtered before risk is scored. */
  private List<Finding> remediatedIn(Instant now, Duration window) {
    Instant from = now.minus(window);
    return findings(EnumSet.of(FindingState.REMEDIATED)).stream()
        .filter(f -> f.remediatedAt().map(t -> t.isAfter(from) && !t.isAfter(now)).orElse(false)).toList();
  }

  private Map<String, Advisory> advisories(Collection<Finding> fs) {
    Set<String> ids = fs.stream().map(f -> f.key().advisoryId()).collect(Collectors.toSet());
    return service.feeds().advisories(ids).stream().collect(Collectors.toMap(Advisory::id, Function.identity(), (a, b) -> a));
  }

  private Map<FindingKey, RiskScore> risks(List<Finding> fs) {
    Map<FindingKey, RiskScore> out = new HashMap<>();
    for (FindingViews.Scored s : views.score(fs)) s.risk().ifPresent(r -> out.put(s.finding().key(), r));
    return out;
  }

  private static Duration positive(Duration window) {
    if (window == null || window.isZero() || window.isNegative()) throw new IllegalArgumentException("window: must be positive, was " + window);
    return window;
  }
}
