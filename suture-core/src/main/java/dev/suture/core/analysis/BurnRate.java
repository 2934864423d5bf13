package dev.suture.core.analysis;

import java.util.Locale;

/**
 * Multi-window burn-rate judgement (Google SRE workbook, "Alerting on SLOs", multiwindow,
 * multi-burn-rate alerts): burn rate = error ratio / error budget, computed over a short and a long
 * window; a threshold counts only when BOTH windows exceed it (strictly, as the workbook's
 * "&gt; 14.4 * 0.001"), so a brief spike (short only) or an old, already-recovered burn (long only)
 * does not trip it.
 *
 * @param outcome CONTINUE, PAUSE (both above pause) or HALT (both above halt)
 * @param working the arithmetic, for the verdict text
 */
public record BurnRate(double shortRatio, double longRatio, double shortBurn, double longBurn, GateOutcome outcome, String working) {

  public static BurnRate assess(BurnRatePolicy policy, double shortRatio, double longRatio) {
    if (policy == null) throw new InvalidMetricException("policy", "is required");
    checkRatio("shortWindowRatio", shortRatio);
    checkRatio("longWindowRatio", longRatio);
    double budget = policy.errorBudget();
    double shortBurn = shortRatio / budget;
    double longBurn = longRatio / budget;
    GateOutcome outcome;
    String rule;
    if (exceeds(shortBurn, policy.haltThreshold()) && exceeds(longBurn, policy.haltThreshold())) {
      outcome = GateOutcome.HALT;
      rule = "both windows > halt threshold " + fmt(policy.haltThreshold());
    } else if (exceeds(shortBurn, policy.pauseThreshold()) && exceeds(longBurn, policy.pauseThreshold())) {
      outcome = GateOutcome.PAUSE;
      rule = "both windows > pause threshold " + fmt(policy.pauseThreshold());
    } else {
      outcome = GateOutcome.CONTINUE;
      rule = "not both windows > pause threshold " + fmt(policy.pauseThreshold());
    }
    String working = String.format(Locale.ROOT,
        "budget 1 - %s%% = %s; short window %s / %s = %sx, long window %s / %s = %sx; %s -> %s",
        fmt(policy.objectivePercent()), fmt(budget), fmt(shortRatio), fmt(budget), fmt(shortBurn),
        fmt(longRatio), fmt(budget), fmt(longBurn), rule, outcome);
    return new BurnRate(shortRatio, longRatio, shortBurn, longBurn, outcome, working);
  }

  /** As a measurement reading: continue → SUCCESSFUL, pause → INCONCLUSIVE, halt → FAILED. */
  public Measurement.Reading toReading() {
    MeasurementPhase phase;
    switch (outcome) {
      case CONTINUE: phase = MeasurementPhase.SUCCESSFUL; break;
      case PAUSE: phase = MeasurementPhase.INCONCLUSIVE; break;
      default: phase = MeasurementPhase.FAILED; break;
    }
    return new Measurement.Reading(phase, fmt(shortBurn) + "," + fmt(longBurn), working);
  }

  /**
   * A missing ratio (NaN: no traffic in the window, or the query returned nothing) is not zero
   * errors; the caller must not turn it into a reading, so it is refused here and becomes an ERROR
   * measurement when assessed inside {@link Measurement#take}.
   */
  private static void checkRatio(String field, double ratio) {
    if (Double.isNaN(ratio) || ratio < 0 || ratio > 1) {
      throw new InvalidMetricException(field, "must be an error ratio between 0 and 1, was " + ratio);
    }
  }

  /**
   * Strictly above, ignoring binary rounding: 0.003 / 0.001 is 2.9999999999999996 or 3.0000000000000004
   * in doubles, and a burn exactly at the threshold must not count (the workbook's "&gt;").
   */
  private static boolean exceeds(double burn, double threshold) { return burn > threshold * (1 + 1e-9); }

  private static String fmt(double d) {
    String s = String.format(Locale.ROOT, "%.6f", d).replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
