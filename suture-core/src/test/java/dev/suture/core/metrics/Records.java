package dev.suture.core.metrics;

import dev.suture.core.metrics.ProgrammeRecords.ChangeFact;
import dev.suture.core.metrics.ProgrammeRecords.IncidentFact;
import dev.suture.core.model.Asset;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.plan.TargetSelector;
import dev.suture.core.registry.PatchFields;
import dev.suture.core.registry.PatchRecord;
import dev.suture.core.registry.PatchRef;
import dev.suture.core.registry.PatchStatus;
import dev.suture.core.registry.RegressionRisk;
import dev.suture.core.registry.StatusChange;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fixed set of records for the metric tests, built fluently; {@code NOW} is the fixed clock. */
final class Records {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static final Duration WINDOW = Duration.ofDays(30);

  final List<RolloutFacts> rollouts = new ArrayList<>();
  final List<RolloutFacts> coverage = new ArrayList<>();
  final List<AuditFact> audit = new ArrayList<>();
  final List<PatchRecord> registry = new ArrayList<>();
  final List<IncidentFact> incidents = new ArrayList<>();
  final List<ChangeFact> changes = new ArrayList<>();
  final List<Asset> inventory = new ArrayList<>();
  final Map<RolloutState, Long> states = new HashMap<>();
  Optional<Boolean> intact = Optional.of(true);
  FindingFacts findings = FindingFacts.none(NOW, WINDOW);
  long sequence;

  static Instant ago(Duration d) { return NOW.minus(d); }

  static Instant hoursAgo(long h) { return ago(Duration.ofHours(h)); }

  /** A rollout created {@code createdHoursAgo} and last written (ended) {@code updatedHoursAgo}. */
  static RolloutFacts rollout(String id, String patch, RolloutState state, long createdHoursAgo, long updatedHoursAgo,
                              String environment, TargetState... targets) {
    List<RolloutFacts.Target> ts = new ArrayList<>();
    for (int i = 0; i < targets.length; i++) ts.add(new RolloutFacts.Target("web-" + (i + 1), environment, targets[i]));
    return new RolloutFacts(id, patch, "plan-" + patch, state, hoursAgo(createdHoursAgo), hoursAgo(updatedHoursAgo),
        Priority.EMERGENCY, PatchKind.SECURITY, List.of("CVE-2026-1"), List.of("SEC-1"), true,
        TargetSelector.parse("env=" + environment), ts);
  }

  static RolloutFacts with(RolloutFacts f, Priority p, PatchKind k, List<String> cves, List<String> tickets, boolean probes) {
    return new RolloutFacts(f.id(), f.patchId(), f.planName(), f.state(), f.createdAt(), f.updatedAt(), p, k, cves, tickets, probes,
        f.selector(), f.targets());
  }

  Records add(RolloutFacts... fs) {
    rollouts.addAll(List.of(fs));
    return this;
  }

  /** A registry record created at {@code created}, proposed at {@code proposed} (null: never). */
  Records record(String patch, Priority p, List<String> cves, String justification, Instant created, Instant proposed) {
    List<StatusChange> t = new ArrayList<>();
    t.add(new StatusChange(null, PatchStatus.DRAFT, "ann", created, ""));
    if (proposed != null) t.add(new StatusChange(PatchStatus.DRAFT, PatchStatus.PROPOSED, "ann", proposed, ""));
    registry.add(new PatchRecord(new PatchRef(patch, patch, p, List.of("SEC-1"), cves), t.get(t.size() - 1).to(),
        new PatchFields(justification, List.of("1.0"), new RegressionRisk(RegressionRisk.Level.LOW, "none")), null, t, 1));
    return this;
  }

  Records event(String rollout, String action, Instant at, Object... details) {
    Map<String, Object> d = new HashMap<>();
    for (int i = 0; i + 1 < details.length; i += 2) d.put((String) details[i], details[i + 1]);
    audit.add(new AuditFact(++sequence, at, action, rollout, d));
    return this;
  }

  ProgrammeRecords build() {
    return new ProgrammeRecords(NOW, WINDOW, rollouts, coverage, audit, registry, incidents, changes, inventory, states, intact);
  }

  List<Sample> compute() { return ProgrammeMetrics.compute(build(), findings); }

  static double value(List<Sample> samples, String name, String... labels) {
    List<Sample> hits = samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
      for (int i = 0; i + 1 < labels.length; i += 2) if (!labels[i + 1].equals(s.label(labels[i]))) return false;
      return true;
    }).toList();
    if (hits.size() != 1) throw new AssertionError("expected one " + name + " " + List.of(labels) + " but found " + hits);
    return hits.get(0).value();
  }
}
