package dev.suture.core.analysis;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics of one gate run together, after Argo's AnalysisRun (asssessRunStatus): the worst
 * tripped metric decides and ends the others early; dry-run metrics are recorded but never decide.
 * A driver sleeps until {@link #nextDue()}, measures every metric in {@link #due()}, feeds them in
 * one {@link #record(Map)} step, and stops once {@link #verdict()} is present.
 */
public final class GateRun {
  private final Clock clock;
  private final Map<String, MetricRun> metrics = new LinkedHashMap<>();
  private Verdict verdict;

  public GateRun(List<MetricSpec> specs, Clock clock, int historyLimit) {
    if (clock == null) throw new InvalidMetricException("clock", "is required");
    if (specs == null || specs.isEmpty()) throw new InvalidMetricException("metrics", "a gate needs at least one metric");
    this.clock = clock;
    Instant start = clock.instant();
    for (MetricSpec s : specs) {
      if (metrics.putIfAbsent(s.name(), new MetricRun(s, start, historyLimit)) != null) {
        throw new InvalidMetricException("metrics", "duplicate metric name " + s.name());
      }
    }
  }

  public GateRun(List<MetricSpec> specs, Clock clock) { this(specs, clock, MetricRun.DEFAULT_HISTORY); }

  /** Earliest instant a running metric wants measuring; empty once decided. */
  public Optional<Instant> nextDue() {
    if (verdict != null) return Optional.empty();
    return metrics.values().stream().map(MetricRun::nextDue).flatMap(Optional::stream).min(Comparator.naturalOrder());
  }

  /** Names of the metrics whose measurement is due now, in declaration order. */
  public List<String> due() {
    if (verdict != null) return List.of();
    Instant now = clock.instant();
    List<String> names = new ArrayList<>();
    for (MetricRun m : metrics.values()) if (m.isDue(now)) names.add(m.name());
    return names;
  }

  public void record(String metric, Measurement m) { record(Map.of(metric, m)); }

  /**
   * One step: measurements taken together are all recorded before the gate is judged, so when
   * several metrics trip in the same step the precedence below, not the feeding order, decides.
   */
  public void record(Map<String, Measurement> step) {
    if (verdict != null) throw new IllegalStateException("gate already decided: " + verdict.outcome());
    // Checked before anything is recorded, so a bad step leaves the gate untouched.
    for (String name : step.keySet()) {
      MetricRun m = metrics.get(name);
      if (m == null) throw new InvalidMetricException("metric", "unknown metric " + name);
      if (m.phase().isTerminal()) throw new IllegalStateException("metric " + name + " is already " + m.phase());
    }
    step.forEach((name, m) -> metrics.get(name).record(m));
    judge(null);
  }

  /** The gate's time is over (e.g. the observation window elapsed): end what still runs and decide. */
  public Verdict end() {
    if (verdict != null) return verdict;
    judge("gate ended");
    return verdict;
  }

  public Optional<Verdict> verdict() { return Optional.ofNullable(verdict); }

  public List<MetricRun> metrics() { return List.copyOf(metrics.values()); }

  public MetricRun metric(String name) {
    MetricRun m = metrics.get(name);
    if (m == null) throw new InvalidMetricException("metric", "unknown metric " + name);
    return m;
  }

  /**
   * Precedence among tripped metrics: higher {@link MetricPhase#severity()} wins (FAILED, then
   * ERROR, then INCONCLUSIVE, as Argo's analysisStatusOrder); equal severity goes to the first
   * declared. See docs/analysis.md for why this departs from issue 5's wording.
   */
  private void judge(String endedBecause) {
    MetricRun decider = null;
    for (MetricRun m : metrics.values()) {
      if (m.spec().dryRun() || !m.phase().tripped()) continue;
      if (decider == null || m.phase().severity() > decider.phase().severity()) decider = m;
    }
    if (decider != null) {
      for (MetricRun m : metrics.values()) m.end("ended early: " + decider.name() + " decided the gate");
      conclude(GateOutcome.of(decider.phase()), Optional.of(decider.name()), decider.name() + " " + decider.phase() + ": " + decider.reason());
      return;
    }
    if (endedBecause != null) {
      for (MetricRun m : metrics.values()) m.end(endedBecause);
      judge(null); // an end can itself produce INCONCLUSIVE (no reading), which then decides
      if (verdict == null) conclude(GateOutcome.CONTINUE, Optional.empty(), "all metrics successful");
      return;
    }
    // A gate of dry-run metrics only (a shadow gate) waits for all of them and then continues.
    boolean anyDeciding = metrics.values().stream().anyMatch(m -> !m.spec().dryRun());
    boolean allDecidingDone = metrics.values().stream()
        .filter(m -> !anyDeciding || !m.spec().dryRun()).allMatch(m -> m.phase().isTerminal());
    if (allDecidingDone) {
      // Dry-run metrics cannot hold the gate open; they stop with it.
      for (MetricRun m : metrics.values()) m.end("gate decided");
      conclude(GateOutcome.CONTINUE, Optional.empty(), "all metrics successful");
    }
  }

  private void conclude(GateOutcome outcome, Optional<String> decidingMetric, String reason) {
    List<String> lines = new ArrayList<>();
    for (MetricRun m : metrics.values()) lines.add(m.summary());
    verdict = new Verdict(outcome, decidingMetric, reason, lines);
  }
}
