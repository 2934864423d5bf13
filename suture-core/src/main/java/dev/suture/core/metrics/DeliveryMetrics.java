package dev.suture.core.metrics;

import static dev.suture.core.metrics.MetricNames.*;

import dev.suture.core.model.Priority;
import dev.suture.core.registry.PatchRecord;
import dev.suture.core.report.DurationStats;
import dev.suture.core.report.MttpReport;
import dev.suture.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** M1 lead time, M2 success rate, M6 mean time to patch, M9 deployment failure rate. */
final class DeliveryMetrics {
  private DeliveryMetrics() {}

  /** Ended outcomes M2 counts; ABORTED counts only when it had touched targets (else nothing was deployed). */
  static final List<RolloutState> ENDED = List.of(RolloutState.SUCCEEDED, RolloutState.ROLLED_BACK, RolloutState.ROLLBACK_FAILED,
      RolloutState.ABORTED, RolloutState.HALTED);

  /** A fast rollback stops in-flight targets; that is the operator's doing, not a failed deployment. */
  static final String FAST_ROLLBACK_STOP = "stopped by fast rollback";

  /** Each patch's first SUCCEEDED rollout that reached production, when that was in the window. */
  static List<RolloutFacts> firstProductionDeployments(ProgrammeRecords r) {
    Map<String, RolloutFacts> first = new HashMap<>();
    for (RolloutFacts f : r.rollouts()) {
      if (f.state() != RolloutState.SUCCEEDED || !f.production()) continue;
      first.merge(f.patchId(), f, (a, b) -> a.updatedAt().isAfter(b.updatedAt()) ? b : a);
    }
    return first.values().stream().filter(f -> r.inWindow(f.updatedAt())).sorted(Comparator.comparing(RolloutFacts::id)).toList();
  }

  static List<Sample> leadTime(ProgrammeRecords r) {
    return perPriority(r, M1_LEAD_TIME, M1_DEPLOYED, firstProductionDeployments(r),
        rec -> rec.proposedAt().orElse(rec.createdAt()));
  }

  /**
   * M6 from the findings-based MTTP report (docs/reports.md): per risk priority and {@code all}, the
   * mean, median, p90 and max time from the advisory's publication to the finding's remediation.
   * Findings without a risk score count under {@code all} only.
   */
  static List<Sample> meanTimeToPatch(MttpReport report) {
    List<Sample> out = new ArrayList<>();
    for (String p : priorities()) {
      DurationStats d = p.equals("all") ? report.stats(MttpReport.Scope.ALL, "all") : report.stats(MttpReport.Scope.PRIORITY, p);
      out.add(Sample.of(M6_MTTP, d.mean(), "priority", p, "stat", "mean"));
      out.add(Sample.of(M6_MTTP, d.median(), "priority", p, "stat", "median"));
      out.add(Sample.of(M6_MTTP, d.p90(), "priority", p, "stat", "p90"));
      out.add(Sample.of(M6_MTTP, d.max(), "priority", p, "stat", "max"));
      out.add(Sample.of(M6_PATCHES, d.count(), "priority", p));
    }
    return out;
  }

  /** Mean and max per priority (and "all") of deployment end − start; patches without a registry record have no start. */
  private static List<Sample> perPriority(ProgrammeRecords r, String timeName, String countName, List<RolloutFacts> deployed,
                                          Function<PatchRecord, Instant> start) {
    Map<String, List<Double>> by = new HashMap<>();
    for (RolloutFacts f : deployed) {
      var rec = r.record(f.patchId());
      if (rec.isEmpty()) continue;
      double s = Stats.seconds(Duration.between(start.apply(rec.get()), f.updatedAt()));
      by.computeIfAbsent(label(f.priority()), k -> new ArrayList<>()).add(s);
      by.computeIfAbsent("all", k -> new ArrayList<>()).add(s);
    }
    List<Sample> out = new ArrayList<>();
    for (String p : priorities()) {
      List<Double> xs = by.getOrDefault(p, List.of());
      out.add(Sample.of(timeName, Stats.mean(xs), "priority", p, "stat", "mean"));
      out.add(Sample.of(timeName, Stats.max(xs), "priority", p, "stat", "max"));
      out.add(Sample.of(countName, xs.size(), "priority", p));
    }
    return out;
  }

  static List<Sample> successRate(ProgrammeRecords r) {
    Map<RolloutState, Integer> ended = new HashMap<>();
    for (RolloutFacts f : r.rollouts()) {
      if (!f.ended() || !r.inWindow(f.updatedAt())) continue;
      if (f.state() == RolloutState.ABORTED && !f.touchedTargets()) continue;
      ended.merge(f.state(), 1, Integer::sum);
    }
    int total = ended.values().stream().mapToInt(Integer::intValue).sum();
    List<Sample> out = new ArrayList<>();
    out.add(Sample.of(M2_SUCCESS, Stats.ratio(ended.getOrDefault(RolloutState.SUCCEEDED, 0), total)));
    for (RolloutState s : ENDED) out.add(Sample.of(M2_ENDED, ended.getOrDefault(s, 0), "outcome", s.name().toLowerCase(Locale.ROOT)));
    return out;
  }

  /**
   * M9 over target runs of rollouts created in the window. Started = touched (not PENDING, not
   * SKIPPED). Failed = the engine audited {@code target.failed} for it (a failed target that was
   * then rolled back no longer shows FAILED in its row), or its row says FAILED.
   */
  static List<Sample> failureRate(ProgrammeRecords r) {
    Set<String> inWindow = new HashSet<>();
    long started = 0;
    Set<String> failed = new HashSet<>();
    for (RolloutFacts f : r.rollouts()) {
      if (!r.inWindow(f.createdAt())) continue;
      inWindow.add(f.id());
      for (RolloutFacts.Target t : f.targets()) {
        if (t.state().isTouched()) started++;
        if (t.state() == dev.suture.core.rollout.TargetState.FAILED) failed.add(f.id() + "/" + t.asset());
      }
    }
    for (AuditFact a : r.audit()) {
      if (!a.action().equals("target.failed") || !inWindow.contains(a.rolloutId())) continue;
      if (a.text("error").equals(FAST_ROLLBACK_STOP)) continue;
      failed.add(a.rolloutId() + "/" + a.text("target"));
    }
    return List.of(Sample.of(M9_FAILURE, Stats.ratio(failed.size(), started)), Sample.of(M9_STARTED, started),
        Sample.of(M9_FAILED, failed.size()));
  }

  static String label(Priority p) { return p == null ? "unknown" : p.name().toLowerCase(Locale.ROOT); }

  static List<String> priorities() { return List.of("emergency", "high", "routine", "all"); }
}
