package dev.suture.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes M1–M10 (patch-guide.txt, docs/metrics.md) and the rollout progress gauges from one
 * {@link ProgrammeRecords} (M5 and M6: from {@link FindingFacts}). Pure: the same records give the same samples.
 */
public final class ProgrammeMetrics {
  private ProgrammeMetrics() {}

  /** Without findings: M5 and M6 are NaN. */
  public static List<Sample> compute(ProgrammeRecords r) { return compute(r, FindingFacts.none(r.now(), r.window())); }

  /** M5 and M6 come from {@code findings}; everything else from {@code r}. */
  public static List<Sample> compute(ProgrammeRecords r, FindingFacts findings) {
    List<Sample> out = new ArrayList<>();
    out.addAll(DeliveryMetrics.leadTime(r));
    out.addAll(DeliveryMetrics.successRate(r));
    out.addAll(SafetyMetrics.canaryDelta(r));
    out.addAll(SafetyMetrics.timeToRollback(r));
    out.addAll(CoverageMetrics.coverage(findings.coverage()));
    out.addAll(DeliveryMetrics.meanTimeToPatch(findings.mttp()));
    out.addAll(SafetyMetrics.postPatchIncidents(r));
    out.addAll(CoverageMetrics.observabilityGap(r));
    out.addAll(DeliveryMetrics.failureRate(r));
    out.addAll(CoverageMetrics.auditCompleteness(r));
    out.addAll(ProgressMetrics.progress(r));
    out.add(Sample.of(MetricNames.COMPUTED_AT, r.now().toEpochMilli() / 1000.0));
    out.add(Sample.of(MetricNames.WINDOW, r.window().toSeconds()));
    return List.copyOf(out);
  }

  /** Whether a plan gives any evidence after patching: a canary, wave, bake or verify stage with checks (M8). */
  public static boolean hasProbes(dev.suture.core.plan.Plan plan) {
    for (var s : plan.stages()) {
      if (s instanceof dev.suture.core.plan.StageSpec.Canary c && !c.checks().isEmpty()) return true;
      if (s instanceof dev.suture.core.plan.StageSpec.Wave w && !w.checks().isEmpty()) return true;
      if (s instanceof dev.suture.core.plan.StageSpec.Bake b && !b.checks().isEmpty()) return true;
      if (s instanceof dev.suture.core.plan.StageSpec.Verify v && !v.checks().isEmpty()) return true;
    }
    return false;
  }
}
