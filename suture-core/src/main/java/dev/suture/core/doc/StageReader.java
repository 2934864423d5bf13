package dev.suture.core.doc;

import dev.suture.core.plan.Quantity;
import dev.suture.core.plan.StageSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads spec.stages: a list of one-key mappings such as {@code - wave: {percent: 25}}. */
final class StageReader {
  static final Quantity DEFAULT_CONCURRENCY = new Quantity(10, false);
  private static final Set<String> TYPES = Set.of("notify", "precheck", "snapshot", "canary", "wave", "bake", "verify", "approval");

  private final Set<String> checkNames;
  private final boolean snapshotConfigured;
  private int lastPercent = 0;
  private boolean patched = false;
  private boolean snapshotSeen = false;

  StageReader(Set<String> checkNames, boolean snapshotConfigured) {
    this.checkNames = checkNames;
    this.snapshotConfigured = snapshotConfigured;
  }

  List<StageSpec> stages(Node list) {
    List<StageSpec> out = new ArrayList<>();
    Node lastBatch = null;
    for (Node item : list.items()) {
      Map<String, Node> one = item.fields(TYPES);
      if (one.size() != 1) {
        if (item.isMap() && one.isEmpty() && item.errorCount() == 0) item.error("a stage needs a type: " + String.join(", ", TYPES.stream().sorted().toList()));
        else if (one.size() > 1) item.error("each stage is a single type, e.g. '- wave: {percent: 50}'");
        continue;
      }
      var e = one.entrySet().iterator().next();
      Node body = e.getValue();
      if (body.isScalar() && (body.scalar() == null || body.scalar().isEmpty())) body = emptyMap(body);
      StageSpec s = stage(e.getKey(), body);
      if (s instanceof StageSpec.Batch) lastBatch = body;
      if (s != null) out.add(s);
    }
    if (list.isList() && out.isEmpty() && list.errorCount() == 0) list.error("must list at least one stage");
    else if (lastBatch == null && list.isList() && list.errorCount() == 0) list.error("needs a canary or wave stage: nothing would be patched");
    else if (lastBatch != null && lastPercent < 100) lastBatch.error("the last wave must reach percent: 100, or some targets are never patched");
    return out;
  }

  private StageSpec stage(String type, Node body) {
    Fields f;
    switch (type) {
      case "notify" -> {
        f = new Fields(body, Set.of("webhook", "channel", "message", "before"));
        Optional<String> url = f.text("webhook");
        url.filter(u -> !u.startsWith("http://") && !u.startsWith("https://"))
            .ifPresent(u -> f.node("webhook").get().error("must start with http:// or https://"));
        Optional<String> channel = f.text("channel");
        if (url.isPresent() && channel.isPresent()) f.node("channel").get().error("give either webhook or channel, not both");
        return new StageSpec.Notify(url, channel, f.text("message").orElse(""), f.duration("before").orElse(Duration.ZERO));
      }
      case "precheck" -> {
        f = new Fields(body, Set.of("checks"));
        return new StageSpec.Precheck(needChecks(f, body));
      }
      case "snapshot" -> {
        new Fields(body, Set.of());
        if (!snapshotConfigured) body.error("needs spec.snapshot (how to create and restore a snapshot)");
        if (patched) body.error("must come before the first canary or wave");
        if (snapshotSeen) body.error("appears twice");
        snapshotSeen = true;
        return new StageSpec.Snapshot();
      }
      case "canary" -> {
        f = new Fields(body, Set.of("count", "bake", "interval", "maxConcurrency", "checks"));
        if (patched) body.error("a canary must come before the waves");
        patched = true;
        Quantity count = f.convert("count", Quantity::parse).orElse(new Quantity(1, false));
        if (count.value() == 0) f.node("count").get().error("must be at least 1");
        if (count.percent()) lastPercent = Math.max(lastPercent, count.value());
        return new StageSpec.Canary(count, f.duration("bake").orElse(Duration.ZERO), PlanReader.positive(f, "interval").orElse(null),
            f.convert("maxConcurrency", Quantity::parse).orElse(count), PlanReader.checkRefs(f, checkNames));
      }
      case "wave" -> {
        f = new Fields(body, Set.of("percent", "maxConcurrency", "maxErrors", "observe", "interval", "checks"));
        patched = true;
        Optional<Integer> percent = f.integer("percent", 1, 100);
        if (!f.has("percent")) body.errorAt(body.child("percent"), "is required (cumulative share of targets, 1..100)");
        percent.filter(p -> p <= lastPercent).ifPresent(p -> f.node("percent").get()
            .error("must be greater than the previous wave's " + lastPercent + " (percent is cumulative)"));
        percent.ifPresent(p -> lastPercent = Math.max(lastPercent, p));
        Quantity conc = f.convert("maxConcurrency", Quantity::parse).orElse(DEFAULT_CONCURRENCY);
        if (conc.value() == 0) f.node("maxConcurrency").get().error("must be at least 1");
        return new StageSpec.Wave(percent.orElse(100), conc, f.convert("maxErrors", Quantity::parse).orElse(new Quantity(0, false)),
            f.duration("observe").orElse(Duration.ZERO), PlanReader.positive(f, "interval").orElse(null), PlanReader.checkRefs(f, checkNames));
      }
      case "bake" -> {
        f = new Fields(body, Set.of("duration", "interval", "checks"));
        Optional<Duration> d = PlanReader.positive(f, "duration");
        if (!f.has("duration")) body.errorAt(body.child("duration"), "is required, e.g. 15m");
        return new StageSpec.Bake(d.orElse(Duration.ofMinutes(1)), PlanReader.positive(f, "interval").orElse(null), needChecks(f, body));
      }
      case "verify" -> {
        f = new Fields(body, Set.of("checks"));
        return new StageSpec.Verify(needChecks(f, body));
      }
      default -> {
        f = new Fields(body, Set.of("message"));
        return new StageSpec.Approval(f.text("message").orElse("waiting for approval"));
      }
    }
  }

  private List<String> needChecks(Fields f, Node body) {
    if (checkNames.isEmpty()) body.error("needs at least one entry in spec.checks");
    return PlanReader.checkRefs(f, checkNames);
  }

  private static Node emptyMap(Node scalar) {
    var map = new org.yaml.snakeyaml.nodes.MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, true, new ArrayList<>(),
        scalar.raw.getStartMark(), scalar.raw.getEndMark(), org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW);
    return new Node(map, scalar.path, scalar.errorsSink());
  }
}
