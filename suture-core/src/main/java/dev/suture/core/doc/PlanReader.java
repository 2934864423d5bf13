package dev.suture.core.doc;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.plan.ExecutorSpec;
import dev.suture.core.plan.FailurePolicy;
import dev.suture.core.plan.FilesSnapshot;
import dev.suture.core.plan.PackagePreset;
import dev.suture.core.plan.Plan;
import dev.suture.core.plan.RebootSpec;
import dev.suture.core.plan.SnapshotSpec;
import dev.suture.core.plan.StageSpec;
import dev.suture.core.plan.TargetSelector;
import dev.suture.core.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads and cross-checks a Plan spec (docs/plan-reference.md). */
final class PlanReader {
  private static final Set<String> SPEC = Set.of("targets", "executor", "snapshot", "checks", "stages", "onFailure", "window");
  private static final Set<String> EXECUTOR = Set.of("type", "apply", "version", "rollback", "timeout", "options",
      "preset", "package", "become", "reboot", "rebootRequired", "rebootRequiredExitCodes", "rebootCommand", "reconnectTimeout", "bootId");
  private static final Set<String> SNAPSHOT = Set.of("type", "create", "restore", "delete", "retain", "timeout", "paths", "dir");
  private static final List<String> SNAPSHOT_TYPES = List.of("command", FilesSnapshot.TYPE);
  private static final int MAX_RETAIN = 1000;
  private static final Set<String> FAILURE = Set.of("rollback", "incident");
  private static final Pattern INCIDENT = Pattern.compile("P[0-4]");

  private final Set<String> executorTypes;

  PlanReader(Set<String> executorTypes) { this.executorTypes = executorTypes; }

  Plan read(String name, Node specNode) {
    Fields spec = new Fields(specNode, SPEC);
    Optional<TargetSelector> targets = spec.required("targets").flatMap(this::targets);
    Optional<Executor> exec = spec.required("executor").map(this::executor);
    Optional<ExecutorSpec> executor = exec.flatMap(Executor::spec);
    boolean become = exec.map(Executor::become).orElse(false);
    Optional<SnapshotSpec> snapshot = spec.node("snapshot").flatMap(n -> snapshot(n, become));
    List<CheckSpec> checks = spec.node("checks").map(CheckReader::checks).orElse(List.of());
    Set<String> checkNames = new HashSet<>();
    checks.forEach(c -> checkNames.add(c.name()));
    List<StageSpec> stages = spec.required("stages")
        .map(n -> new StageReader(checkNames, spec.has("snapshot")).stages(n)).orElse(List.of());
    FailurePolicy onFailure = spec.node("onFailure").map(this::failure).orElse(FailurePolicy.DEFAULT);
    // Only the name is checked here: the window may be defined (or changed) after the plan.
    Optional<String> window = spec.convert("window", w -> dev.suture.core.model.Names.require("window", w.trim()));
    if (targets.isEmpty() || executor.isEmpty() || (spec.has("window") && window.isEmpty())) return null;
    return new Plan(name, targets.get(), executor.get(), snapshot, checks, stages, onFailure, window);
  }

  private Optional<TargetSelector> targets(Node n) {
    Fields f = new Fields(n, Set.of("selector"));
    return f.requiredText("selector").flatMap(s -> f.convert("selector", TargetSelector::parse));
  }

  /** The executor as read, and whether generated argv run under {@code sudo -n} (the snapshot needs that too). */
  private record Executor(Optional<ExecutorSpec> spec, boolean become) {}

  private Executor executor(Node n) {
    Fields f = new Fields(n, EXECUTOR);
    Optional<String> type = f.requiredText("type");
    type.filter(t -> !executorTypes.contains(t)).ifPresent(t -> f.node("type").get()
        .error("unknown executor type '" + t + "' (available: " + String.join(", ", executorTypes.stream().sorted().toList()) + ")"));
    Optional<PackagePreset> preset = f.convert("preset", s -> PackagePreset.byId(s.trim()).orElseThrow(() ->
        new IllegalArgumentException("unknown preset '" + s + "' (available: " + String.join(", ", PackagePreset.ids()) + ")")));
    Optional<String> pkg = packageName(f);
    boolean become = f.bool("become").orElse(false);
    // With a preset, apply and version are generated unless given explicitly (which then override).
    boolean hasPreset = f.has("preset");
    List<String> apply = argv(f, "apply", !hasPreset);
    List<String> version = argv(f, "version", false);
    List<String> rollback = argv(f, "rollback", false);
    Duration timeout = positive(f, "timeout").orElse(null);
    var options = f.stringMap("options");
    Optional<RebootSpec> reboot = reboot(f, preset, become);
    if (preset.isPresent() && pkg.isPresent()) {
      if (apply.isEmpty() && !f.has("apply")) apply = preset.get().apply(pkg.get(), become);
      if (version.isEmpty() && !f.has("version")) version = preset.get().version(pkg.get(), become);
    }
    if (type.isEmpty() || apply.isEmpty() || reboot.isEmpty()) return new Executor(Optional.empty(), become);
    return new Executor(Optional.of(new ExecutorSpec(type.get(), apply, version, rollback, timeout, options, reboot.get())),
        become);
  }

  private static Optional<String> packageName(Fields f) {
    Optional<String> pkg = f.convert("package", s -> {
      if (!PackagePreset.PACKAGE_NAME.matcher(s).matches())
        throw new IllegalArgumentException("'" + s + "' is not a package name (letters, digits and + . _ : @ -, "
            + "starting with a letter or digit)");
      return s;
    });
    if (f.has("preset") && !f.has("package"))
      f.node("preset").get().errorAt(f.node.child("package"), "is required with preset (the package to patch, e.g. openssl)");
    if (!f.has("preset") && f.has("package"))
      f.node("package").get().error("is only used with preset (apt, dnf, yum, zypper or apk)");
    return pkg;
  }

  /** executor.reboot and its settings; empty when they are invalid (errors reported). */
  private static Optional<RebootSpec> reboot(Fields f, Optional<PackagePreset> preset, boolean become) {
    Optional<RebootSpec.Policy> policy = f.convert("reboot", PlanReader::rebootPolicy);
    List<String> probe = argv(f, "rebootRequired", false);
    Optional<Set<Integer>> codes = exitCodes(f, "rebootRequiredExitCodes");
    List<String> command = argv(f, "rebootCommand", false);
    List<String> bootId = argv(f, "bootId", false);
    Optional<Duration> reconnect = positive(f, "reconnectTimeout");
    if (f.has("rebootRequiredExitCodes") && !f.has("rebootRequired"))
      f.node("rebootRequiredExitCodes").get().error("is only used with rebootRequired (a preset's probe has its own exit codes)");
    int errors = f.node.errorCount();
    boolean invalid = (f.has("reboot") && policy.isEmpty()) || (f.has("reconnectTimeout") && reconnect.isEmpty())
        || (f.has("rebootRequired") && probe.isEmpty()) || (f.has("rebootRequiredExitCodes") && codes.isEmpty())
        || (f.has("rebootCommand") && command.isEmpty()) || (f.has("bootId") && bootId.isEmpty());
    RebootSpec.Policy p = policy.orElse(RebootSpec.Policy.NEVER);
    if (p == RebootSpec.Policy.NEVER) return invalid ? Optional.empty() : Optional.of(RebootSpec.NEVER);

    Set<Integer> exitCodes = codes.orElse(RebootSpec.DEFAULT_EXIT_CODES);
    if (!f.has("rebootRequired") && preset.isPresent() && preset.get().rebootRequired(become).isPresent()) {
      probe = preset.get().rebootRequired(become).get();
      exitCodes = preset.get().rebootRequiredExitCodes();
    }
    boolean presetUnknown = f.has("preset") && preset.isEmpty();
    if (p == RebootSpec.Policy.IF_REQUIRED && !f.has("rebootRequired") && probe.isEmpty() && !presetUnknown) {
      String why = preset.map(pr -> "preset " + pr.id() + " has no reboot-required probe").orElse("no preset gives one");
      f.node("reboot").get().errorAt(f.node.child("rebootRequired"), "is required with reboot: ifRequired (" + why
          + "): an argv whose exit code says whether a reboot is needed, e.g. [test, -e, /var/run/reboot-required]");
    }
    if (invalid || f.node.errorCount() > errors) return Optional.empty();
    if (p == RebootSpec.Policy.ALWAYS) {
      probe = List.of();
      exitCodes = Set.of();
    }
    if (command.isEmpty()) command = PackagePreset.sudo(become, RebootSpec.DEFAULT_COMMAND);
    return Optional.of(new RebootSpec(p, probe, exitCodes, command, reconnect.orElse(null), bootId));
  }

  private static RebootSpec.Policy rebootPolicy(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "never": return RebootSpec.Policy.NEVER;
      case "ifrequired": return RebootSpec.Policy.IF_REQUIRED;
      case "always": return RebootSpec.Policy.ALWAYS;
      default: throw new IllegalArgumentException("'" + s + "' is not one of never, ifRequired, always");
    }
  }

  /** A non-empty list of exit codes 0..255. */
  private static Optional<Set<Integer>> exitCodes(Fields f, String key) {
    Optional<Node> node = f.node(key);
    if (node.isEmpty()) return Optional.empty();
    Node n = node.get();
    if (!n.isList()) {
      n.error("must be a list of exit codes, e.g. [0]");
      return Optional.empty();
    }
    int before = n.errorCount();
    Set<Integer> out = new LinkedHashSet<>();
    for (Node item : n.items()) {
      String s = item.scalar();
      try {
        int code = Integer.parseInt(s == null ? "x" : s.trim());
        if (code < 0 || code > 255) item.error("an exit code is between 0 and 255");
        else out.add(code);
      } catch (NumberFormatException e) {
        item.error("'" + (s == null ? "(not a scalar)" : s) + "' is not an exit code (0..255)");
      }
    }
    if (out.isEmpty() && n.errorCount() == before) n.error("must not be empty");
    return n.errorCount() == before ? Optional.of(out) : Optional.empty();
  }

  private Optional<SnapshotSpec> snapshot(Node n, boolean become) {
    Fields f = new Fields(n, SNAPSHOT);
    Optional<String> type = f.requiredText("type");
    type.filter(t -> !SNAPSHOT_TYPES.contains(t)).ifPresent(t -> f.node("type").get()
        .error("unknown snapshot type '" + t + "' (available: " + String.join(", ", SNAPSHOT_TYPES) + ")"));
    Duration timeout = positive(f, "timeout").orElse(null);
    Optional<Integer> retain = f.integer("retain", 1, MAX_RETAIN);
    if (type.isEmpty() || !SNAPSHOT_TYPES.contains(type.get())) return Optional.empty();
    int errors = n.errorCount();
    if (type.get().equals("command")) {
      for (String k : List.of("paths", "dir"))
        f.node(k).ifPresent(x -> x.error("is only used with type: files"));
      List<String> create = argv(f, "create", true);
      List<String> restore = argv(f, "restore", true);
      List<String> delete = argv(f, "delete", false);
      if (n.errorCount() > errors || (f.has("retain") && retain.isEmpty())) return Optional.empty();
      return Optional.of(new SnapshotSpec("command", create, restore, timeout, delete,
          retain.orElse(SnapshotSpec.DEFAULT_RETAIN)));
    }
    for (String k : List.of("create", "restore", "delete"))
      f.node(k).ifPresent(x -> x.error("is only used with type: command (type: files generates it)"));
    String dir = snapshotDir(f);
    List<String> paths = snapshotPaths(f, dir);
    if (n.errorCount() > errors || (f.has("retain") && retain.isEmpty()) || (f.has("timeout") && timeout == null))
      return Optional.empty();
    return Optional.of(FilesSnapshot.spec(dir, paths, retain.orElse(SnapshotSpec.DEFAULT_RETAIN), timeout, become));
  }

  private static String snapshotDir(Fields f) {
    if (!f.has("dir")) return FilesSnapshot.DEFAULT_DIR;
    Node n = f.node("dir").get();
    String dir = n.scalar();
    if (dir == null) {
      n.error("must be a string (an absolute directory path)");
      return null;
    }
    Optional<String> problem = FilesSnapshot.pathProblem(dir);
    problem.ifPresent(n::error);
    // Placeholders are allowed (e.g. a per-target volume); they are rendered per target like argv.
    if (problem.isEmpty()) checkVariables(n, List.of(dir));
    return dir;
  }

  private static List<String> snapshotPaths(Fields f, String dir) {
    if (!f.has("paths")) {
      f.node.errorAt(f.node.child("paths"), "is required with type: files (a list of absolute paths, e.g. [/etc/nginx])");
      return List.of();
    }
    Node n = f.node("paths").get();
    if (!n.isList()) {
      n.error("must be a list of absolute paths, e.g. [/etc/nginx]");
      return List.of();
    }
    List<Node> items = n.items();
    if (items.isEmpty()) n.error("must not be empty");
    List<String> paths = new ArrayList<>();
    for (Node item : items) {
      String p = item.scalar();
      if (p == null) {
        item.error("must be a string (an absolute path)");
        continue;
      }
      Optional<String> problem = FilesSnapshot.pathProblem(p);
      if (problem.isPresent()) {
        item.error(problem.get());
        continue;
      }
      checkVariables(item, List.of(p));
      if (dir != null && FilesSnapshot.overlaps(p, dir))
        item.error("overlaps the snapshot directory " + dir + " (a snapshot cannot contain itself)");
      for (int i = 0; i < paths.size(); i++)
        if (FilesSnapshot.overlaps(p, paths.get(i)))
          item.error(p.equals(paths.get(i)) ? "is listed twice" : "overlaps " + paths.get(i) + " (list a directory or the files in it, not both)");
      paths.add(p);
    }
    return paths;
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
          n.error("unknown template variable {{" + v + "}} (known: rollout.id, snapshot.id, patch.id, patch.version, patch.title, "
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
