package dev.suture.core.risk;

import dev.suture.core.model.Criticality;
import dev.suture.core.registry.FieldProblem;
import dev.suture.core.registry.InvalidFieldsException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every number the risk formula uses, in one place (docs/risk.md explains each default).
 *
 * <pre>score = min(100, cvss × pointsPerCvss × likelihood × exposure × criticality)</pre>
 *
 * @param pointsPerCvss points per CVSS point. 6 makes a CVSS 10 on a neutral asset with no
 *     exploitation evidence 60, so CVSS alone never reaches EMERGENCY: that takes evidence
 *     (KEV, EPSS) or context (exposure, criticality)
 * @param assumedCvss the base used when the advisory has no usable CVSS vector (medium, never zero)
 * @param kev likelihood multiplier of a CISA KEV listing (exploited in the wild); replaces EPSS
 * @param epss likelihood multipliers by EPSS probability, highest band first; the last band starts
 *     at 0 so every probability falls in one. No EPSS score at all is neutral (×1)
 * @param exposure multiplier per {@link Exposure}
 * @param criticality multiplier per asset {@link Criticality}
 * @param thresholds priority thresholds on the final (rounded) score
 */
public record RiskWeights(double pointsPerCvss, double assumedCvss, double kev, List<EpssBand> epss,
                          Map<Exposure, Double> exposure, Map<Criticality, Double> criticality, Thresholds thresholds) {
  /** EPSS probabilities at or above {@code atLeast} get {@code multiplier} (unless a higher band applies). */
  public record EpssBand(double atLeast, double multiplier) {}

  /** Scores at or above {@code emergency} are EMERGENCY, at or above {@code high} HIGH, else ROUTINE. */
  public record Thresholds(double emergency, double high) {}

  public static final RiskWeights DEFAULTS = new RiskWeights(6.0, 5.0, 1.6,
      List.of(new EpssBand(0.5, 1.4), new EpssBand(0.1, 1.2), new EpssBand(0.01, 1.0), new EpssBand(0.0, 0.8)),
      Map.of(Exposure.INTERNET, 1.25, Exposure.INTERNAL, 1.0, Exposure.ISOLATED, 0.6),
      Map.of(Criticality.CRITICAL, 1.25, Criticality.HIGH, 1.1, Criticality.MEDIUM, 1.0, Criticality.LOW, 0.8),
      // 42 = 7.0 × 6: a CVSS "High" on a neutral asset is HIGH priority, a "Medium" is ROUTINE.
      new Thresholds(90, 42));

  public RiskWeights {
    List<FieldProblem> p = new ArrayList<>();
    if (!(pointsPerCvss > 0)) p.add(new FieldProblem("risk.pointsPerCvss", "must be positive, was " + pointsPerCvss));
    if (!(assumedCvss > 0 && assumedCvss <= 10)) p.add(new FieldProblem("risk.assumedCvss", "must be within (0, 10], was " + assumedCvss));
    // KEV is proof of exploitation: it may never lower a score.
    if (!(kev >= 1)) p.add(new FieldProblem("risk.kev", "must be at least 1, was " + kev));
    epss = List.copyOf(epss);
    checkBands(p, epss);
    exposure = complete(p, "risk.exposure", exposure, Exposure.class);
    criticality = complete(p, "risk.criticality", criticality, Criticality.class);
    if (thresholds == null || !(thresholds.high() > 0 && thresholds.high() < thresholds.emergency() && thresholds.emergency() <= 100))
      p.add(new FieldProblem("risk.thresholds", "need 0 < high < emergency <= 100, were " + thresholds));
    InvalidFieldsException.throwIfAny(p);
  }

  /** The EPSS band {@code probability} falls in. */
  public EpssBand epssBand(double probability) {
    for (EpssBand b : epss) if (probability >= b.atLeast()) return b;
    throw new IllegalStateException("bands start at 0");  // unreachable: checked in the constructor
  }

  private static void checkBands(List<FieldProblem> p, List<EpssBand> bands) {
    if (bands.isEmpty() || bands.get(bands.size() - 1).atLeast() != 0) {
      p.add(new FieldProblem("risk.epss", "bands must end with one starting at 0"));
      return;
    }
    for (int i = 0; i < bands.size(); i++) {
      EpssBand b = bands.get(i);
      if (!(b.multiplier() > 0)) p.add(new FieldProblem("risk.epss[" + i + "]", "multiplier must be positive, was " + b.multiplier()));
      if (!(b.atLeast() >= 0 && b.atLeast() <= 1)) p.add(new FieldProblem("risk.epss[" + i + "]", "atLeast must be within 0..1, was " + b.atLeast()));
      if (i > 0 && !(b.atLeast() < bands.get(i - 1).atLeast()))
        p.add(new FieldProblem("risk.epss[" + i + "]", "bands must be listed from the highest probability down"));
    }
  }

  private static <E extends Enum<E>> Map<E, Double> complete(List<FieldProblem> p, String field, Map<E, Double> m, Class<E> type) {
    Map<E, Double> copy = new EnumMap<>(type);
    for (E e : type.getEnumConstants()) {
      Double v = m == null ? null : m.get(e);
      if (v == null || !(v > 0)) p.add(new FieldProblem(field + "." + e.name().toLowerCase(), "needs a positive multiplier, was " + v));
      else copy.put(e, v);
    }
    return java.util.Collections.unmodifiableMap(copy);
  }
}
