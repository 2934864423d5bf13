package dev.suture.core.doc;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.plan.ExecutorSpec;
import dev.suture.core.plan.FailurePolicy;
import dev.suture.core.plan.Plan;
import dev.suture.core.plan.SnapshotSpec;
import dev.suture.core.plan.StageSpec;
import dev.suture.core.plan.TargetSelector;
import dev.suture.core.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads and cross-checks a Plan spec (docs/plan-reference.md). */
final class PlanReader {
  private static final Set<String> SPEC = Set.of("targets", "executor", "snapshot", "checks", "stages", "onFailure");
  private static final Set<String> EXECUTOR = Set.of("type", "apply", "version", "rollback", "timeout", "options");
  private static final Set<String> SNAPSHOT = Set.of("type", "create", "restore", "timeout");
  private static final Set<String> FAILURE = Set.of("rollback", "incident");
  private static final Pattern INCIDENT = Pattern.compile("P[0-4]");

  private final Set<String> executorTypes;

  PlanReader(Set<String> executorTypes) { this.executorTypes = executorTypes; }

  Plan read(String name, Node specNode) {
    Fields spec = new Fields(specNode, SPEC);
    Optional<TargetSelector> targets = spec.required("targets").flatMap(this::targets);
    Optional<ExecutorSpec> executor = spec.required("executor").flatMap(this::executor);
    Optional<SnapshotSpec> snapshot = spec.node("snapshot").flatMap(this::snapshot);
    List<CheckSpec> checks = spec.node("checks").map(CheckReader::checks).orElse(List.of());
    Set<String> checkNames = new HashSet<>();
    checks.forEach(c -> checkNames.add(c.name()));
    List<StageSpec> stages = spec.required("stages")
        .map(n -> new StageReader(checkNames, snapshot.isPresent()).stages(n)).orElse(List.of());
    FailurePolicy onFailure = spec.node("onFailure").map(this::failure).orElse(FailurePolicy.DEFAULT);
    if (targets.isEmpty() || executor.isEmpty()) return null;
    return new Plan(name, targets.get(), executor.get(), snapshot, checks, stages, onFailure);
  }

  private Optional<TargetSelector> targets(Node n) {
    Fields f = new Fields(n, Set.of("selector"));
    return f.requiredText("selector").flatMap(s -> f.convert("selector", TargetSelector::parse));
  }

  private Optional<ExecutorSpec> executor(Node n) {
    Fields f = new Fields(n, EXECUTOR);
    Optional<String> type = f.requiredText("type");
    type.filter(t -> !executorTypes.contains(t)).ifPresent(t -> f.node("type").get()
        .error("unknown executor type '" + t + "' (available: " + String.join(", ", executorTypes.stream().sorted().toList()) + ")"));
    List<String> apply = argv(f, "apply", true);
    List<String> version = argv(f, "version", false);
    List<String> rollback = argv(f, "rollback", false);
    Duration timeout = positive(f, "timeout").orElse(null);
    var options = f.stringMap("options");
    if (type.isEmpty() || apply.isEmpty()) return Optional.empty();
    return Optional.of(new ExecutorSpec(type.get(), apply, version, rollback, timeout, options));
  }

  private Optional<SnapshotSpec> snapshot(Node n) {
    Fields f = new Fields(n, SNAPSHOT);
    Optional<String> type = f.requiredText("type");
    type.filter(t -> !t.equals("command"))
        .ifPresent(t -> f.node("type").get().error("unknown snapshot type '" + t + "' (available: command)"));
    List<String> create = argv(f, "create", true);
    List<String> restore = argv(f, "restore", true);
    Duration timeout = positive(f, "timeout").orElse(null);
    if (type.isEmpty() || create.isEmpty() || restore.isEmpty()) return Optional.empty();
    return Optional.of(new SnapshotSpec(type.get(), create, restore, timeout));
  }

  private FailurePolicy failure(Node n) {
    Fields f = new Fields(n, FAILURE);
    var mode = f.enumValue("rollback", FailurePolicy.RollbackMode.class).orElse(FailurePolicy.RollbackMode.AUTOMATIC);
    var incident = f.text("incident").orElse("P1");
    if (!INCIDENT.matcher(incident).matches()) f.node("incident").get().error("'" + incident + "' is not a priority P0..P4");
    return new FailurePolicy(mode, incident);
  }

  /** An argv template: a non-empty list of strings whose placeholders are all known variables. */
  static List<String> argv(Fields f, String key, boolean required) {
    if (!f.has(key)) {
      if (required) f.node.errorAt(f.node.child(key), "is required (a list of arguments, e.g. [\"cmd\", \"arg\"])");
      return List.of();
    }
    Node n = f.node(key).get();
    if (!n.isList()) {
      n.error("must be a list of arguments like [\"cmd\", \"arg\"]; commands are never run through a shell");
      return List.of();
    }
    List<String> argv = f.strings(key);
    if (argv.isEmpty()) n.error("must not be empty");
    for (Node item : n.items()) if (item.scalar() != null) checkVariables(item, List.of(item.scalar()));
    return argv;
  }

  static void checkVariables(Node n, List<String> texts) {
    for (String t : texts)
      for (String v : Template.variables(t))
        if (!Template.isKnownVariable(v))
          n.error("unknown template variable {{" + v + "}} (known: rollout.id, patch.id, patch.version, patch.title, "
              + "target.name, target.address, target.environment, target.labels.KEY)");
  }

  static Optional<Duration> positive(Fields f, String key) {
    Optional<Duration> d = f.duration(key);
    d.filter(v -> v.isZero() || v.isNegative()).ifPresent(v -> f.node(key).get().error("must be greater than 0"));
    return d.filter(v -> !v.isZero() && !v.isNegative());
  }

  static Optional<Pattern> regex(Fields f, String key) {
    return f.convert(key, s -> {
      try {
        return Pattern.compile(s);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid regular expression: " + e.getDescription());
      }
    });
  }

  static List<String> checkRefs(Fields f, Set<String> known) {
    List<String> names = f.strings("checks");
    f.node("checks").filter(Node::isList).ifPresent(n -> {
      for (Node item : n.items())
        if (item.scalar() != null && !known.contains(item.scalar())) item.error("no check named '" + item.scalar() + "' in spec.checks");
    });
    return new ArrayList<>(names);
  }
}
