package dev.suture.core.analysis;

import java.math.BigDecimal;

/**
 * An SLO and the burn-rate thresholds that pause or halt a rollout.
 *
 * @param objectivePercent SLO target, e.g. 99.9; the error budget is 1 - objective
 * @param pauseThreshold burn rate above which the rollout pauses for a human (default 3)
 * @param haltThreshold burn rate above which it halts and rolls back (default 14.4: the Google SRE
 *     workbook's fast-burn page, 2 % of a 30-day budget spent in one hour)
 */
public record BurnRatePolicy(double objectivePercent, double pauseThreshold, double haltThreshold) {
  public static final double DEFAULT_PAUSE = 3.0;
  public static final double DEFAULT_HALT = 14.4;

  public BurnRatePolicy {
    if (!(objectivePercent > 0 && objectivePercent < 100)) {
      throw new InvalidMetricException("objective", "must be a percentage between 0 and 100 exclusive, was " + objectivePercent);
    }
    if (!(pauseThreshold > 0) || Double.isInfinite(pauseThreshold)) {
      throw new InvalidMetricException("pauseThreshold", "must be a positive number, was " + pauseThreshold);
    }
    if (!(haltThreshold > pauseThreshold) || Double.isInfinite(haltThreshold)) {
      throw new InvalidMetricException("haltThreshold", "must be greater than pauseThreshold " + pauseThreshold + ", was " + haltThreshold);
    }
  }

  public static BurnRatePolicy of(double objectivePercent) { return new BurnRatePolicy(objectivePercent, DEFAULT_PAUSE, DEFAULT_HALT); }

  /** The fraction of requests allowed to fail, e.g. 0.001 for 99.9 %. */
  public double errorBudget() {
    // In decimal, so 99.9 gives exactly 0.001 and not 0.000999999999999 (binary 100 - 99.9).
    return BigDecimal.valueOf(100).subtract(BigDecimal.valueOf(objectivePercent)).movePointLeft(2).doubleValue();
  }
}
