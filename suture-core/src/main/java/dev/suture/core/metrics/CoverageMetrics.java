package dev.suture.core.metrics;

import static dev.suture.core.metrics.MetricNames.*;

import dev.suture.core.model.Asset;
import dev.suture.core.model.PatchKind;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** M5 patch coverage, M8 observability gap, M10 audit completeness. */
public final class CoverageMetrics {
  private CoverageMetrics() {}

  /**
   * The newest deployed security patch: of the security patches with a SUCCEEDED rollout, the one
   * whose first success is the latest (ties: the larger patch id, so the choice is stable).
   */
  public static Optional<String> newestSecurityPatch(List<RolloutFacts> rollouts) {
    Map<String, Instant> firstSuccess = new HashMap<>();
    for (RolloutFacts f : rollouts)
      if (f.kind() == PatchKind.SECURITY && f.state() == RolloutState.SUCCEEDED)
        firstSuccess.merge(f.patchId(), f.updatedAt(), (a, b) -> a.isBefore(b) ? a : b);
    return firstSuccess.entrySet().stream()
        .max(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey);
  }

  /**
   * M5: applicable = inventory assets matched by the target selector of any SUCCEEDED rollout of the
   * patch; patched = those that are HEALTHY or SKIPPED (already at the version) in one of them.
   */
  static List<Sample> coverage(ProgrammeRecords r) {
    Optional<String> patch = newestSecurityPatch(r.coverage());
    if (patch.isEmpty())
      return List.of(Sample.of(M5_COVERAGE, Double.NaN, "patch", "none"), Sample.of(M5_APPLICABLE, 0, "patch", "none"),
          Sample.of(M5_PATCHED, 0, "patch", "none"));
    List<RolloutFacts> deployments = r.coverage().stream()
        .filter(f -> f.patchId().equals(patch.get()) && f.state() == RolloutState.SUCCEEDED).toList();
    Set<String> applicable = new TreeSet<>();
    for (Asset a : r.inventory())
      if (deployments.stream().map(RolloutFacts::selector).filter(Objects::nonNull).anyMatch(s -> s.matches(a))) applicable.add(a.name());
    Set<String> patched = new TreeSet<>();
    for (RolloutFacts f : deployments)
      for (RolloutFacts.Target t : f.targets())
        if ((t.state() == TargetState.HEALTHY || t.state() == TargetState.SKIPPED) && applicable.contains(t.asset())) patched.add(t.asset());
    String p = patch.get();
    return List.of(Sample.of(M5_COVERAGE, Stats.ratio(patched.size(), applicable.size()), "patch", p),
        Sample.of(M5_APPLICABLE, applicable.size(), "patch", p), Sample.of(M5_PATCHED, patched.size(), "patch", p));
  }

  /** M8 over rollouts created in the window: their plan has no canary, wave, bake or verify stage with checks. */
  static List<Sample> observabilityGap(ProgrammeRecords r) {
    long created = 0;
    long without = 0;
    for (RolloutFacts f : r.rollouts()) {
      if (!r.inWindow(f.createdAt())) continue;
      created++;
      if (!f.hasProbes()) without++;
    }
    return List.of(Sample.of(M8_GAP, Stats.ratio(without, created)), Sample.of(M8_WITHOUT, without));
  }

  /**
   * M10 over rollouts created in the window. Complete when the patch names a CVE or a ticket, has a
   * registry record with a justification, has a change request linked to the rollout when any
   * target is in production, and the audit chain verified intact. Unknown chain state: NaN.
   */
  static List<Sample> auditCompleteness(ProgrammeRecords r) {
    Map<String, long[]> by = new HashMap<>(); // priority -> {complete, total}
    for (RolloutFacts f : r.rollouts()) {
      if (!r.inWindow(f.createdAt())) continue;
      boolean ok = r.auditIntact().orElse(false) && metadataComplete(r, f);
      for (String p : List.of(DeliveryMetrics.label(f.priority()), "all")) {
        long[] c = by.computeIfAbsent(p, k -> new long[2]);
        if (ok) c[0]++;
        c[1]++;
      }
    }
    List<Sample> out = new ArrayList<>();
    for (String p : DeliveryMetrics.priorities()) {
      long[] c = by.getOrDefault(p, new long[2]);
      double ratio = r.auditIntact().isEmpty() ? Double.NaN : Stats.ratio(c[0], c[1]);
      out.add(Sample.of(M10_COMPLETE, ratio, "priority", p));
      out.add(Sample.of(M10_INCOMPLETE, c[1] - c[0], "priority", p));
    }
    out.add(Sample.of(AUDIT_INTACT, r.auditIntact().map(ok -> ok ? 1.0 : 0.0).orElse(Double.NaN)));
    return out;
  }

  static boolean metadataComplete(ProgrammeRecords r, RolloutFacts f) {
    if (f.cves().isEmpty() && f.tickets().isEmpty()) return false;
    var rec = r.record(f.patchId());
    if (rec.isEmpty()) return false;
    String why = rec.get().fields().justification();
    if (why == null || why.isBlank()) return false;
    return !f.production() || r.changes().stream().anyMatch(c -> f.id().equals(c.rolloutId()));
  }
}
