package dev.suture.core.risk;

import static dev.suture.core.risk.RiskScore.oneDecimal;
import static dev.suture.core.risk.RiskScore.plain;

import dev.suture.core.model.Criticality;
import dev.suture.core.model.Priority;
import dev.suture.core.registry.SlaPolicy;
import dev.suture.core.risk.RiskScore.Effect;
import dev.suture.core.risk.RiskScore.Factor;
import dev.suture.core.vuln.EpssScore;
import dev.suture.core.vuln.KevEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The explainable risk of a finding (issue 6, item 6): CVSS base × likelihood (KEV, EPSS) × asset
 * exposure × asset criticality → score 0..100 → priority → SLA due time. Deterministic: the same
 * input gives the same score, breakdown and text. The formula and a worked example are in
 * docs/risk.md; like {@link dev.suture.core.registry.TriageScore}, the result carries each factor and the rule that decided.
 *
 * @see dev.suture.core.registry.TriageScore
 */
public final class RiskScorer {
  private record Decision(Priority priority, String why) {}

  private record Due(Instant at, String why) {}

  private final CvssScorer cvss;
  private final SlaPolicy sla;
  private final RiskWeights weights;

  public RiskScorer(CvssScorer cvss, SlaPolicy sla, RiskWeights weights) {
    this.cvss = Objects.requireNonNull(cvss, "cvss");
    this.sla = Objects.requireNonNull(sla, "sla");
    this.weights = Objects.requireNonNull(weights, "weights");
  }

  public RiskScorer(CvssScorer cvss, SlaPolicy sla) { this(cvss, sla, RiskWeights.DEFAULTS); }

  public RiskScore score(RiskInput in) {
    List<Factor> notes = new ArrayList<>();
    List<Factor> parts = new ArrayList<>();
    parts.add(base(CvssChoice.choose(cvss, in.severities(), notes)));
    parts.add(kev(in.kev()));
    parts.add(epss(in.epss(), in.kev().isPresent()));
    parts.add(Factor.multiplier("exposure", in.exposure().label(), weights.exposure().get(in.exposure()), exposureWhy(in.exposure())));
    parts.add(Factor.multiplier("criticality", in.criticality().name(), weights.criticality().get(in.criticality()),
        "asset criticality " + in.criticality().name()));
    parts.addAll(notes);

    double points = parts.stream().filter(f -> f.effect() == Effect.POINTS).mapToDouble(Factor::amount).sum();
    double product = parts.stream().filter(f -> f.effect() == Effect.MULTIPLIER).mapToDouble(Factor::amount).reduce(1, (a, b) -> a * b);
    double raw = points * product;
    double score = Math.round(Math.min(100, raw) * 10) / 10.0;

    Decision priority = priority(score, in);
    Priority p = priority.priority();
    parts.add(Factor.note("priority", p.name(), priority.why()));
    Due due = due(p, in);
    parts.add(Factor.note("due", due.at().toString(), due.why()));

    String formula = parts.stream().filter(f -> f.effect() != Effect.NOTE)
        .map(f -> f.effect() == Effect.POINTS ? oneDecimal(f.amount()) + " points" : "×" + plain(f.amount()) + " " + f.input())
        .collect(Collectors.joining(" ")) + " = " + oneDecimal(raw) + (raw > 100 ? ", capped at 100.0" : "");
    String explanation = "risk " + oneDecimal(score) + " (" + formula + "); " + p + ": " + priority.why()
        + "; due " + due.at() + ": " + due.why();
    return new RiskScore(score, p, due.at(), parts, explanation);
  }

  private Factor base(Optional<CvssScore> chosen) {
    if (chosen.isEmpty()) {
      double assumed = weights.assumedCvss();
      return Factor.points(CvssChoice.INPUT, "no CVSS", assumed * weights.pointsPerCvss(), "no usable CVSS vector: assumed "
          + oneDecimal(assumed) + " (medium), never zero; " + oneDecimal(assumed) + " × " + plain(weights.pointsPerCvss()));
    }
    CvssScore s = chosen.get();
    return Factor.points(CvssChoice.INPUT, s.vector() + " (" + s.label() + ")", s.baseScore() * weights.pointsPerCvss(),
        "base score " + oneDecimal(s.baseScore()) + " × " + plain(weights.pointsPerCvss()) + ", highest CVSS version available");
  }

  private Factor kev(Optional<KevEntry> kev) {
    if (kev.isEmpty()) return Factor.multiplier("kev", "not listed", 1, "no evidence of exploitation in CISA KEV");
    KevEntry k = kev.get();
    String value = "listed " + k.dateAdded() + k.dueDate().map(d -> ", CISA due " + d).orElse("")
        + (k.knownRansomwareUse() ? ", known ransomware use" : "");
    return Factor.multiplier("kev", value, weights.kev(), "exploited in the wild (CISA KEV): at least HIGH");
  }

  private Factor epss(Optional<EpssScore> epss, boolean kevListed) {
    if (epss.isEmpty()) return Factor.multiplier("epss", "no score", 1, "no EPSS score: neutral");
    EpssScore e = epss.get();
    String value = String.format(java.util.Locale.ROOT, "%.4f (percentile %.2f, %s)", e.epss(), e.percentile(), e.scoreDate());
    // A KEV listing is observed exploitation; a probability of it adds nothing and must not count twice.
    if (kevListed) return Factor.multiplier("epss", value, 1, "not applied: the KEV listing already proves exploitation");
    RiskWeights.EpssBand band = weights.epssBand(e.epss());
    return Factor.multiplier("epss", value, band.multiplier(),
        "probability of exploitation within 30 days >= " + plain(band.atLeast()));
  }

  private static String exposureWhy(Exposure e) {
    switch (e) {
      case INTERNET: return "internet-facing: reachable by any attacker";
      case ISOLATED: return "isolated: no inbound network path";
      default: return "internal network only (the default without an exposure label)";
    }
  }

  private Decision priority(double score, RiskInput in) {
    RiskWeights.Thresholds t = weights.thresholds();
    boolean kev = in.kev().isPresent();
    if (kev && in.exposure() == Exposure.INTERNET && in.criticality() == Criticality.CRITICAL)
      return new Decision(Priority.EMERGENCY, "KEV-listed on an internet-facing CRITICAL asset is always EMERGENCY");
    if (score >= t.emergency()) return new Decision(Priority.EMERGENCY, "score " + oneDecimal(score) + " >= " + plain(t.emergency()));
    if (score >= t.high()) return new Decision(Priority.HIGH, "score " + oneDecimal(score) + " >= " + plain(t.high()));
    if (kev) return new Decision(Priority.HIGH, "KEV-listed: lifted to at least HIGH (score " + oneDecimal(score) + " < " + plain(t.high()) + ")");
    return new Decision(Priority.ROUTINE, "score " + oneDecimal(score) + " < " + plain(t.high()));
  }

  private Due due(Priority p, RiskInput in) {
    Instant slaDue = sla.due(p, in.firstSeen());
    String slaWhy = "SLA for " + p + " from first seen " + in.firstSeen();
    Optional<Instant> kevDue = in.kev().flatMap(KevEntry::dueDate).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
    if (kevDue.isEmpty() || !kevDue.get().isBefore(slaDue)) return new Due(slaDue, slaWhy);
    Instant k = kevDue.get();
    // A KEV date that had passed before we ever saw the finding cannot be met; keep the SLA rather
    // than report the finding overdue the moment it opens (the same guard SlaPolicy applies to windows).
    if (k.isBefore(in.firstSeen()))
      return new Due(slaDue, slaWhy + "; CISA KEV due date " + k + " had already passed when the finding was first seen");
    return new Due(k, "CISA KEV due date is earlier than the SLA due " + slaDue + " (" + slaWhy + ")");
  }
}
