package dev.suture.core.doc;

import dev.suture.core.analysis.InvalidMetricException;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.plan.Measure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

final class CheckReader {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** Argo Rollouts' Metric fields, beside the probe: how a gate measures the check. */
  static final Set<String> MEASURE = Set.of("count", "interval", "initialDelay", "failureLimit", "inconclusiveLimit",
      "consecutiveErrorLimit", "consecutiveSuccessLimit", "consecutiveFailureLimit", "dryRun");
  private static final Set<String> CHECK = union(Set.of("name", "http", "command", "prometheus", "judge", "burnRate"), MEASURE);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private CheckReader() {}

  static List<CheckSpec> checks(Node list) {
    List<CheckSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node item : list.items()) {
      Fields f = new Fields(item, CHECK);
      Optional<String> name = f.requiredText("name");
      name.filter(n -> !NAME.matcher(n).matches())
          .ifPresent(n -> f.node("name").get().error("'" + n + "' must be lower-case letters, digits, - or _"));
      name.filter(n -> !names.add(n)).ifPresent(n -> f.node("name").get().error("duplicate check name '" + n + "'"));
      Optional<CheckSpec.Probe> probe = probe(f, item);
      Optional<Measure> measure = measure(f, item, name.orElse("check"));
      if (name.isPresent() && probe.isPresent() && measure.isPresent()) out.add(new CheckSpec(name.get(), probe.get(), measure.get()));
    }
    return out;
  }

  /**
   * The measurement fields; their combination is validated as the gate will use it (e.g. a
   * consecutiveSuccessLimit above count), and an error names the field's line.
   */
  private static Optional<Measure> measure(Fields f, Node item, String name) {
    int errors = item.errorCount();
    Optional<Integer> count = f.integer("count", 0, 1_000_000);
    Optional<Duration> interval = PlanReader.positive(f, "interval");
    Duration initialDelay = f.duration("initialDelay").orElse(Duration.ZERO);
    f.node("initialDelay").filter(n -> initialDelay.isNegative()).ifPresent(n -> n.error("must not be negative"));
    Measure m = new Measure(count, interval, initialDelay, limit(f, "failureLimit", 0), limit(f, "inconclusiveLimit", 0),
        limit(f, "consecutiveErrorLimit", Measure.DEFAULTS.consecutiveErrorLimit()), limit(f, "consecutiveSuccessLimit", 0),
        limit(f, "consecutiveFailureLimit", 0), f.bool("dryRun").orElse(false));
    if (item.errorCount() != errors) return Optional.empty();
    try {
      // An observation supplies the interval when the check names none; 10s stands in for it here.
      m.forObservation(name, interval.orElse(Duration.ofSeconds(10)));
      m.forVerification(name);
    } catch (InvalidMetricException e) {
      String why = e.getMessage().startsWith(e.field() + ": ") ? e.getMessage().substring(e.field().length() + 2) : e.getMessage();
      f.node(e.field()).orElse(item).error(why);
      return Optional.empty();
    }
    return Optional.of(m);
  }

  private static int limit(Fields f, String key, int dflt) {
    return f.integer(key, 0, 1_000_000).orElse(dflt);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return Set.copyOf(u);
  }

  private static Optional<CheckSpec.Probe> probe(Fields f, Node item) {
    int kinds = 0;
    for (String kind : List.of("http", "command", "prometheus", "judge", "burnRate")) kinds += f.has(kind) ? 1 : 0;
    if (kinds != 1) {
      item.error("a check needs exactly one of: http, command, prometheus, judge, burnRate");
      return Optional.empty();
    }
    if (f.has("judge")) return JudgeReader.judge(new Fields(f.node("judge").get(), JudgeReader.FIELDS));
    if (f.has("burnRate")) return BurnRateReader.burnRate(new Fields(f.node("burnRate").get(), BurnRateReader.FIELDS));
    if (f.has("prometheus")) return PrometheusReader.prometheus(new Fields(f.node("prometheus").get(), PrometheusReader.FIELDS));
    if (f.has("http")) return http(new Fields(f.node("http").get(), Set.of("url", "expectStatus", "bodyRegex", "timeout")));
    return command(new Fields(f.node("command").get(), Set.of("argv", "timeout")));
  }

  private static Optional<CheckSpec.Probe> http(Fields f) {
    Optional<String> url = f.requiredText("url");
    url.filter(u -> !u.startsWith("http://") && !u.startsWith("https://"))
        .ifPresent(u -> f.node("url").get().error("must start with http:// or https://"));
    url.ifPresent(u -> PlanReader.checkVariables(f.node("url").get(), List.of(u)));
    int status = f.integer("expectStatus", 100, 599).orElse(200);
    Optional<Pattern> regex = PlanReader.regex(f, "bodyRegex");
    Duration timeout = PlanReader.positive(f, "timeout").orElse(DEFAULT_TIMEOUT);
    return url.map(u -> new CheckSpec.Http(u, status, regex.map(Pattern::pattern), timeout));
  }

  private static Optional<CheckSpec.Probe> command(Fields f) {
    List<String> argv = PlanReader.argv(f, "argv", true);
    Duration timeout = PlanReader.positive(f, "timeout").orElse(DEFAULT_TIMEOUT);
    return argv.isEmpty() ? Optional.empty() : Optional.of(new CheckSpec.Command(argv, timeout));
  }
}
