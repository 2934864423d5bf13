package dev.suture.core.risk;

import dev.suture.core.risk.RiskScore.Factor;
import dev.suture.core.vuln.Advisory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the one CVSS score the risk is built on and says what happened to every other severity
 * entry: the newest version wins (v4 over v3.1 over v3.0 over v2) because later versions describe
 * the same flaw more precisely; within one version the highest score wins, the cautious reading
 * when two sources disagree. Entries that are not CVSS, or whose vector is invalid, are noted and
 * skipped, never fatal: one bad vector in a feed must not stop the rest of the advisory scoring.
 */
final class CvssChoice {
  static final String INPUT = "cvss";

  private CvssChoice() {}

  /** The chosen score (empty when none is usable), adding a NOTE to {@code notes} for each entry not used. */
  static Optional<CvssScore> choose(CvssScorer scorer, List<Advisory.Severity> severities, List<Factor> notes) {
    List<CvssScore> scored = new ArrayList<>();
    for (Advisory.Severity s : severities) {
      try {
        Optional<CvssScore> score = scorer.score(s.type(), s.score());
        if (score.isPresent()) scored.add(score.get());
        else notes.add(Factor.note(INPUT + " (ignored)", s.type() + " " + s.score(), "not a CVSS severity type"));
      } catch (InvalidCvssVectorException e) {
        notes.add(Factor.note(INPUT + " (ignored)", s.type() + " " + s.score(), e.getMessage()));
      }
    }
    Optional<CvssScore> best = scored.stream()
        .max(Comparator.comparingInt(CvssScore::versionRank).thenComparingDouble(CvssScore::baseScore));
    best.ifPresent(b -> scored.stream().filter(s -> s != b).forEach(s -> notes.add(Factor.note(INPUT + " (not used)",
        s.vector() + " (" + s.label() + ")", s.versionRank() < b.versionRank()
            ? "CVSS " + b.version() + " is preferred over " + s.version()
            : "another CVSS " + b.version() + " vector scores higher"))));
    return best;
  }
}
