package dev.suture.bench.gate;

import dev.suture.cli.demo.DemoService;
import dev.suture.command.CommandExecutor;
import dev.suture.core.audit.AuditEvent;
import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.Adapters;
import dev.suture.core.engine.EngineConfig;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.engine.RolloutRequest;
import dev.suture.core.model.Asset;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.StageState;
import dev.suture.prometheus.PrometheusCheckRunner;
import dev.suture.prometheus.PrometheusClient;
import dev.suture.prometheus.PrometheusProcess;
import dev.suture.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Issue 5's rollback figure: from the moment a canary's fault starts to rollback complete. Real
 * demo services (their own traffic, a Prometheus /metrics), a real Prometheus scraping them every
 * second, the real engine on H2 with the {@code command} executor and the {@code prometheus}
 * check. The canary's bake gate measures its error ratio every {@code --interval}; at a random
 * phase of that cycle the canary's release turns bad (its requests answer 503). Printed per run:
 * detection (fault → halt), the rollback itself (rollback.started → rolled back) and the total,
 * against the bound "one measurement interval + the rollback". Not a timed test: a human reads it.
 */
public final class FaultToRollbackBench {
  private static final String PATCH_VERSION = "1.1.0";
  private static final Duration SCRAPE = Duration.ofSeconds(1);

  private final int targets;
  private final Duration interval;
  private final int runs;
  private final Clock clock = Clock.systemUTC();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private FaultToRollbackBench(int targets, Duration interval, int runs) {
    this.targets = targets;
    this.interval = interval;
    this.runs = runs;
  }

  public static void main(String[] args) throws Exception {
    int targets = 4;
    Duration interval = Duration.ofSeconds(5);
    int runs = 5;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) usage("missing value for " + args[i]);
      switch (args[i]) {
        case "--targets": targets = Integer.parseInt(value); break;
        case "--interval": interval = Duration.ofSeconds(Long.parseLong(value.replaceAll("s$", ""))); break;
        case "--runs": runs = Integer.parseInt(value); break;
        default: usage("unknown option " + args[i]);
      }
    }
    if (targets < 2 || runs < 1 || interval.isNegative() || interval.isZero()) usage("--targets >= 2, --runs >= 1, --interval > 0");
    if (!PrometheusProcess.installed()) {
      System.err.println("error: " + PrometheusProcess.BINARY + " not found (apt-get install prometheus)");
      System.exit(1);
    }
    new FaultToRollbackBench(targets, interval, runs).run();
  }

  private static void usage(String why) {
    System.err.println("error: " + why + "\nusage: FaultToRollbackBench [--targets N (4)] [--interval SECONDS (5)] [--runs R (5)]");
    System.exit(2);
  }

  private void run() throws Exception {
    Path root = Files.createTempDirectory("suture-fault-bench");
    List<DemoService> services = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int i = 1; i <= targets; i++) {
        Path dir = Files.createDirectories(root.resolve("web-" + i));
        Files.createDirectories(dir.resolve("releases"));
        Files.writeString(dir.resolve("version"), "1.0.0");
        dirs.add(dir);
        services.add(DemoService.start(0, dir));
      }
      List<String> addresses = services.stream().map(s -> "127.0.0.1:" + s.port()).toList();
      // Each service gets a steady 20 requests/s of its own traffic: what its error ratio is made of.
      traffic.scheduleAtFixedRate(() -> addresses.forEach(this::hit), 0, 50, TimeUnit.MILLISECONDS);
      try (PrometheusProcess prometheus = PrometheusProcess.start(addresses, SCRAPE);
           Store store = Store.open(Store.h2FileUrl(root.resolve("db")), null, null, 4, clock, new DocumentParser(Set.of("command")))) {
        DocumentParser parser = new DocumentParser(Set.of("command"));
        store.documents().apply(parser.parse("bench.yaml", documents(addresses, dirs, prometheus.url())), "bench");
        RolloutEngine engine = new RolloutEngine(store.rollouts(), store.audit(),
            new Adapters(List.of(new CommandExecutor()), List.of(new PrometheusCheckRunner(new PrometheusClient(), clock)), Optional.empty()),
            clock, EngineConfig.defaults("bench-fault").withTick(Duration.ofMillis(20)));
        engine.start();
        try {
          System.out.printf(Locale.ROOT, "# machine: %d cores, %s %s; prometheus scrape 1s, rate window 5s; gate interval %ds; %d targets%n",
              Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
              interval.toSeconds(), targets);
          // a rate window of clean data before the first rollout
          if (!prometheus.awaitScraped(targets, 7, Duration.ofSeconds(60))) throw new IllegalStateException("prometheus never scraped the services");
          System.out.println("# bound = gate interval + rollback; bound+scrape adds Prometheus' 1 s scrape interval (the fault is"
              + " invisible to any query until it has been scraped)");
          System.out.println("run  phase-s  detect-s  rollback-s  total-s  bound-s  within  +scrape  load1  state");
          List<double[]> rows = new ArrayList<>();
          for (int run = 1; run <= runs; run++) rows.add(oneRun(run, engine, store, dirs));
          summary(rows);
        } finally {
          engine.close();
        }
      }
    } finally {
      traffic.shutdownNow();
      services.forEach(DemoService::stop);
      try (var files = Files.walk(root)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private double[] oneRun(int run, RolloutEngine engine, Store store, List<Path> dirs) throws Exception {
    for (Path d : dirs) {
      Files.writeString(d.resolve("version"), "1.0.0");
      Files.deleteIfExists(d.resolve("releases").resolve(PATCH_VERSION + ".properties"));
    }
    Thread.sleep(6_000); // the last run's errors leave the 5 s rate window
    List<Asset> assets = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
    Document plan = store.documents().find(DocumentKind.PLAN, "fault-bench").orElseThrow();
    Document patch = store.documents().find(DocumentKind.PATCH, "demo-" + PATCH_VERSION).orElseThrow();
    String id = engine.create(new RolloutRequest(plan, patch, assets, "bench")).id();
    // Stage 1 (canary) waits while its bake gate measures.
    Rollout r = await(store, id, x -> x.stageIndex() == 1 && x.currentStage().state() == StageState.WAITING, Duration.ofMinutes(2));
    if (r.state() != RolloutState.RUNNING) throw new IllegalStateException("run " + run + ": rollout " + r.state() + " before the fault: " + r.haltReason());
    long phaseMs = ThreadLocalRandom.current().nextLong(interval.toMillis());
    Thread.sleep(phaseMs);
    Instant fault = clock.instant();
    // The canary's release turns bad: every request it serves now answers 503.
    Files.writeString(dirs.get(0).resolve("releases").resolve(PATCH_VERSION + ".properties"), "healthy=false\nerror=injected fault\n");
    Rollout end = await(store, id, x -> x.state().isTerminal(), Duration.ofMinutes(3));
    Instant halted = firstTime(store, id, "rollout.halted");
    Instant rbStart = firstTime(store, id, "rollback.started");
    Instant rbEnd = end.state() == RolloutState.ROLLED_BACK ? firstTime(store, id, "rollout.rolled_back") : null;
    double detect = seconds(fault, halted);
    double rollback = rbEnd == null ? Double.NaN : seconds(rbStart, rbEnd);
    double total = rbEnd == null ? Double.NaN : seconds(fault, rbEnd);
    double bound = interval.toMillis() / 1000.0 + rollback;
    boolean within = total <= bound;
    boolean withinScrape = total <= bound + SCRAPE.toMillis() / 1000.0;
    System.out.printf(Locale.ROOT, "%3d  %7.2f  %8.2f  %10.2f  %7.2f  %7.2f  %-6s  %-7s  %5.2f  %s%n", run, phaseMs / 1000.0, detect, rollback,
        total, bound, within ? "yes" : "no", withinScrape ? "yes" : "no", load1(),
        end.state() + (end.state() == RolloutState.ROLLED_BACK ? "" : " (" + end.haltReason() + ")"));
    return new double[] {detect, rollback, total, bound, within ? 1 : 0, withinScrape ? 1 : 0};
  }

  private static void summary(List<double[]> rows) {
    double maxDetect = rows.stream().mapToDouble(r -> r[0]).max().orElse(Double.NaN);
    double maxTotal = rows.stream().mapToDouble(r -> r[2]).max().orElse(Double.NaN);
    double meanTotal = rows.stream().mapToDouble(r -> r[2]).average().orElse(Double.NaN);
    long within = rows.stream().filter(r -> r[4] == 1).count();
    long withinScrape = rows.stream().filter(r -> r[5] == 1).count();
    System.out.printf(Locale.ROOT, "# summary: %d runs; detection max %.2f s; total mean %.2f s, max %.2f s; within interval+rollback %d/%d,"
        + " within interval+scrape+rollback %d/%d%n", rows.size(), maxDetect, meanTotal, maxTotal, within, rows.size(), withinScrape, rows.size());
  }

  private String documents(List<String> addresses, List<Path> dirs, String prometheus) {
    StringBuilder y = new StringBuilder();
    for (int i = 0; i < addresses.size(); i++) {
      y.append("apiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: web-").append(i + 1)
          .append(", labels: {stateDir: \"").append(dirs.get(i)).append("\"}}\nspec: {environment: staging, address: \"")
          .append(addresses.get(i)).append("\"}\n---\n");
    }
    y.append("apiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: demo-").append(PATCH_VERSION)
        .append("}\nspec: {kind: bugfix, priority: routine, version: \"").append(PATCH_VERSION).append("\"}\n---\n");
    y.append("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: fault-bench}
        spec:
          targets: {selector: "environment=staging"}
          executor:
            type: command
            apply: ["sh", "-c", "printf '%s' \\"$1\\" > \\"$2/version\\"", "apply", "{{patch.version}}", "{{target.labels.stateDir}}"]
            version: ["cat", "{{target.labels.stateDir}}/version"]
            timeout: 10s
          snapshot:
            type: command
            create: ["cp", "{{target.labels.stateDir}}/version", "{{target.labels.stateDir}}/version.snapshot"]
            restore: ["cp", "{{target.labels.stateDir}}/version.snapshot", "{{target.labels.stateDir}}/version"]
          checks:
            - name: error-ratio
              prometheus:
                address: PROM
                query: 'sum(rate(demo_errors_total{instance="{{target.address}}"}[5s])) / sum(rate(demo_requests_total{instance="{{target.address}}"}[5s]))'
                successCondition: "result[0] <= 0.05"
                failureCondition: "result[0] > 0.05 || isNaN(result[0])"
                timeout: 2s
              interval: INTERVALs
          stages:
            - snapshot: {}
            - canary: {count: 1, bake: 10m}
            - wave: {percent: 100}
          onFailure: {rollback: automatic, incident: P3}
        """.replace("PROM", prometheus).replace("INTERVAL", Long.toString(interval.toSeconds())));
    return y.toString();
  }

  private void hit(String address) {
    http.sendAsync(HttpRequest.newBuilder(URI.create("http://" + address + "/")).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static Rollout await(Store store, String id, java.util.function.Predicate<Rollout> done, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      Rollout r = store.rollouts().find(id).orElseThrow();
      if (done.test(r) || r.state().isTerminal()) return r;
      if (System.nanoTime() > end) throw new IllegalStateException("rollout " + id + " stuck in " + r.state() + ": " + r.currentStage().summary());
      Thread.sleep(10);
    }
  }

  private static Instant firstTime(Store store, String id, String action) {
    return store.audit().forSubject("rollout/" + id).stream().filter(e -> e.action().equals(action)).map(AuditEvent::time)
        .findFirst().orElseThrow(() -> new IllegalStateException("no " + action + " for " + id));
  }

  private static double load1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  private static double seconds(Instant a, Instant b) { return Duration.between(a, b).toMillis() / 1000.0; }
}
