package dev.suture.core.plan;

import dev.suture.core.model.Names;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A declarative rollout plan (docs/plan-reference.md). Validated by the document parser.
 * {@code window} names the MaintenanceWindow targets may start in (looked up when the rollout runs).
 */
public record Plan(String name, TargetSelector targets, ExecutorSpec executor, Optional<SnapshotSpec> snapshot,
                   List<CheckSpec> checks, List<StageSpec> stages, FailurePolicy onFailure, Optional<String> window) {
  public Plan {
    Names.require("metadata.name", name);
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(executor, "executor");
    snapshot = snapshot == null ? Optional.empty() : snapshot;
    checks = List.copyOf(checks);
    stages = List.copyOf(stages);
    onFailure = onFailure == null ? FailurePolicy.DEFAULT : onFailure;
    window = window == null ? Optional.empty() : window;
    window.ifPresent(w -> Names.require("spec.window", w));
  }

  /** A plan without a maintenance window: targets may start at any time. */
  public Plan(String name, TargetSelector targets, ExecutorSpec executor, Optional<SnapshotSpec> snapshot,
              List<CheckSpec> checks, List<StageSpec> stages, FailurePolicy onFailure) {
    this(name, targets, executor, snapshot, checks, stages, onFailure, Optional.empty());
  }

  public Optional<CheckSpec> check(String checkName) {
    return checks.stream().filter(c -> c.name().equals(checkName)).findFirst();
  }

  /** The checks a stage runs: the ones it names, or every plan check when it names none. */
  public List<CheckSpec> checksFor(List<String> names) {
    if (names.isEmpty()) return checks;
    return names.stream().map(n -> check(n).orElseThrow()).toList();
  }
}
