package dev.suture.bench.ssh;

import dev.suture.command.CommandCheckRunner;
import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.Adapters;
import dev.suture.core.engine.EngineConfig;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.engine.RolloutRequest;
import dev.suture.core.model.Asset;
import dev.suture.core.port.Credential;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import dev.suture.ssh.HostKeyListener;
import dev.suture.ssh.SshExecutor;
import dev.suture.ssh.testing.MemoryCredentials;
import dev.suture.store.Store;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One Suture rollout over SSH, in process, the way {@code SshRolloutTest} runs one: H2 file
 * database in a fresh temp dir, the real engine, {@link SshExecutor} and {@link
 * CommandCheckRunner}, a plan with a {@code files} snapshot, canary 1 → 25 % → 100 % and a
 * command health check in a verify stage.
 */
final class SutureRun {
  static final String CREDENTIAL = "bench-ed25519";

  private final FleetInfo fleet;
  private final int n;
  private final int maxConnecting;
  private final Duration timeout;
  private final String waveConcurrency;
  private final String connectTimeout;

  /**
   * @param waveConcurrency the waves' {@code maxConcurrency} (the SOP: {@code 100%})
   * @param connectTimeout {@code executor.options.connectTimeout}, or null for the executor's default
   */
  SutureRun(FleetInfo fleet, int n, int maxConnecting, Duration timeout, String waveConcurrency, String connectTimeout) {
    this.fleet = fleet;
    this.n = n;
    this.maxConnecting = maxConnecting;
    this.timeout = timeout;
    this.waveConcurrency = waveConcurrency;
    this.connectTimeout = connectTimeout;
  }

  /** Exit status: 0 when every host ended patched, healthy and snapshotted. */
  int run() throws Exception {
    List<String> hosts = fleet.hosts(n);
    long t0 = System.nanoTime();
    fleet.reseed(hosts);
    double reseedS = secondsSince(t0);
    if (!ProcMeter.awaitNoChildren(fleet.sshdPid(), Duration.ofSeconds(60))) {
      System.err.println("warning: connections of an earlier run are still open on sshd");
    }
    double load0 = ProcMeter.loadAverage1();
    double busy0 = ProcMeter.machineBusySeconds();
    double host0 = fleet.hostCpuSeconds();
    double jvm0 = jvmCpuSeconds();
    long measureStart = System.nanoTime();
    ProcMeter.TreeMemory memory = new ProcMeter.TreeMemory(ProcessHandle.current(), Duration.ofMillis(500));

    long tSetup = System.nanoTime();
    Path db = Files.createTempDirectory("suture-ssh-bench-h2-");
    DocumentParser parser = new DocumentParser(Set.of(SshExecutor.TYPE));
    Clock clock = Clock.systemUTC();
    Rollout end;
    List<TargetRun> targets;
    double setupS, rolloutS, engineCloseS, sshCloseS;
    String id;
    try (Store store = Store.open(Store.h2Url(db), null, null, 8, clock, parser)) {
      MemoryCredentials credentials = new MemoryCredentials();
      credentials.put(CREDENTIAL, Credential.SSH_KEY, Files.readAllBytes(fleet.key()));
      SshExecutor ssh = new SshExecutor(credentials, fleet.knownHosts(), HostKeyListener.NONE, maxConnecting);
      RolloutEngine engine = new RolloutEngine(store.rollouts(), store.audit(),
          new Adapters(List.of(ssh), List.of(new CommandCheckRunner()), Optional.empty()), clock, EngineConfig.defaults("bench-ssh"));
      try {
        engine.start();
        store.documents().apply(parser.parse("fleet.yaml", fleetYaml(hosts)), "bench");
        store.documents().apply(parser.parse("plan.yaml", planYaml()), "bench");
        List<Asset> assets = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
        Document plan = store.documents().find(DocumentKind.PLAN, "sop").orElseThrow();
        Document patch = store.documents().find(DocumentKind.PATCH, "openssl-" + FleetInfo.TO_VERSION).orElseThrow();
        setupS = secondsSince(tSetup);

        long tRollout = System.nanoTime();
        id = engine.create(new RolloutRequest(plan, patch, assets, "bench")).id();
        end = awaitEnd(store, engine, id, tRollout);
        rolloutS = secondsSince(tRollout);
      } finally {
        long tClose = System.nanoTime();
        engine.close();
        engineCloseS = secondsSince(tClose);
        tClose = System.nanoTime();
        ssh.close();
        sshCloseS = secondsSince(tClose);
      }
      if (end == null) end = store.rollouts().find(id).orElseThrow();
      targets = store.rollouts().targets(id);
    } finally {
      FleetInfo.deleteTree(db);
    }
    boolean drained = ProcMeter.awaitNoChildren(fleet.sshdPid(), Duration.ofSeconds(60));
    double hostCpu = fleet.hostCpuSeconds() - host0;
    double busy = ProcMeter.machineBusySeconds() - busy0;
    double jvmCpu = jvmCpuSeconds() - jvm0;
    double measuredS = secondsSince(measureStart);
    memory.close();
    double load1 = ProcMeter.loadAverage1();

    Map<TargetState, Integer> counts = new EnumMap<>(TargetState.class);
    targets.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
    List<String> problems = new ArrayList<>();
    if (end.state() != RolloutState.SUCCEEDED) problems.add("rollout " + end.state() + ": " + end.haltReason());
    Map<String, Integer> errors = new TreeMap<>();
    for (TargetRun t : targets) {
      if (t.state() != TargetState.HEALTHY) errors.merge(t.state() + ": " + normalise(t.error()), 1, Integer::sum);
    }
    errors.forEach((e, c) -> problems.add(c + " target(s) " + e));
    List<String> unpatched = fleet.unpatched(hosts);
    if (!unpatched.isEmpty()) problems.add(unpatched.size() + " host(s) not at " + FleetInfo.TO_VERSION + ": " + head(unpatched));
    List<String> unsnapshotted = fleet.withoutSnapshot(hosts, id);
    if (!unsnapshotted.isEmpty()) problems.add(unsnapshotted.size() + " host(s) without a complete snapshot " + id + ": " + head(unsnapshotted));

    System.out.println("# stages (s from create): " + stageTimes(end));
    System.out.println("# last target transition per batch (s from create): " + batchTimes(end, targets));
    System.out.println("# plan: waves maxConcurrency " + waveConcurrency + ", connectTimeout "
        + (connectTimeout == null ? "(executor default)" : connectTimeout));
    System.out.printf(Locale.ROOT, "# suture %d hosts, max-connecting %d: rollout %s in %.2f s (setup %.2f s, reseed %.2f s, engine.close %.2f s,"
            + " SshExecutor.close %.2f s); targets %s%n", n, maxConnecting, end.state(), rolloutS, setupS, reseedS, engineCloseS, sshCloseS,
        counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
    if (!drained) problems.add("sshd still had connections 60 s after the executor closed (host CPU undercounted)");
    Map<String, String> result = new LinkedHashMap<>();
    result.put("tool", "suture");
    result.put("hosts", Integer.toString(n));
    result.put("conc", "maxConnecting=" + maxConnecting + (waveConcurrency.equals("100%") ? "" : ",wave=" + waveConcurrency)
        + (connectTimeout == null ? "" : ",connect=" + connectTimeout));
    result.put("rollout_s", fmt(rolloutS));
    result.put("setup_s", fmt(setupS));
    result.put("reseed_s", fmt(reseedS));
    result.put("tool_cpu_s", fmt(jvmCpu));
    result.put("host_cpu_s", fmt(hostCpu));
    result.put("machine_cpu_s", fmt(busy));
    result.put("measured_s", fmt(measuredS));
    result.put("tree_pss_mb", Long.toString(memory.peakPssKb() / 1024));
    result.put("tree_rss_mb", Long.toString(memory.peakRssKb() / 1024));
    result.put("sampler_cpu_s", fmt(memory.samplerCpuSeconds()));
    result.put("load_before", fmt(load0));
    result.put("load_after", fmt(load1));
    result.put("healthy", Integer.toString(counts.getOrDefault(TargetState.HEALTHY, 0)));
    result.put("ok", Boolean.toString(problems.isEmpty()));
    System.out.println("RESULT " + result.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
    if (!problems.isEmpty()) {
      System.out.println("FAILED: suture run at " + n + " hosts:");
      problems.forEach(p -> System.out.println("  - " + p));
      return 1;
    }
    return 0;
  }

  private Rollout awaitEnd(Store store, RolloutEngine engine, String id, long start) throws InterruptedException {
    long deadline = start + timeout.toNanos();
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-progress");
      t.setDaemon(true);
      return t;
    });
    progress.scheduleAtFixedRate(() -> {
      Map<TargetState, Long> c = store.rollouts().targets(id).stream()
          .collect(Collectors.groupingBy(TargetRun::state, () -> new EnumMap<>(TargetState.class), Collectors.counting()));
      System.err.printf(Locale.ROOT, "  [suture %d] %5.1f s: %s%n", n, (System.nanoTime() - start) / 1e9, c);
    }, 2, 2, TimeUnit.SECONDS);
    try {
      while (System.nanoTime() < deadline) {
        Rollout r = store.rollouts().find(id).orElseThrow();
        if (r.state().isTerminal() || (r.state() == RolloutState.HALTED && !engine.isDriving(id))) return r;
        Thread.sleep(20);
      }
    } finally {
      progress.shutdownNow();
    }
    System.err.println("rollout did not end within " + timeout.toSeconds() + " s");
    return null;
  }

  private static String fleetYaml(List<String> hosts) {
    StringBuilder sb = new StringBuilder(140 * hosts.size());
    for (int i = 0; i < hosts.size(); i++) {
      sb.append("---\napiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: ").append(String.format("host-%04d", i))
          .append(", labels: {role: web}}\nspec: {environment: production, address: '").append(hosts.get(i)).append("'}\n");
    }
    sb.append("---\napiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: openssl-").append(FleetInfo.TO_VERSION)
        .append("}\nspec: {kind: security, priority: high, version: '").append(FleetInfo.TO_VERSION).append("'}\n");
    return sb.toString();
  }

  /** The SOP: snapshot, canary of 1, wave to 25 %, wave to 100 %, verify; any failure halts. */
  String planYaml() {
    return """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: sop}
        spec:
          targets: {selector: "environment=production"}
          executor:
            type: ssh
            apply: [PKG, install, openssl, "{{patch.version}}"]
            version: [PKG, version, openssl]
            timeout: 60s
            options: {user: USER, port: "PORT", credentials: CRED, knownHosts: KNOWN@CONNECT@}
          snapshot:
            type: files
            paths: ["ROOT/{{target.address}}/etc/app.conf", "ROOT/{{target.address}}/pkg/openssl"]
            dir: ROOT/{{target.address}}/snapshots
          checks:
            - {name: health, command: {argv: [PKG, health]}}
          stages:
            - snapshot: {}
            - canary: {count: 1}
            - wave: {percent: 25, maxConcurrency: @WAVE@}
            - wave: {percent: 100, maxConcurrency: @WAVE@}
            - verify: {checks: [health]}
          onFailure: {rollback: manual, incident: P2}
        """.replace("PKG", fleet.fakepkg().toString()).replace("USER", fleet.user()).replace("PORT", Integer.toString(fleet.port()))
        .replace("@CONNECT@", connectTimeout == null ? "" : ", connectTimeout: " + connectTimeout).replace("@WAVE@", waveConcurrency)
        .replace("CRED", CREDENTIAL).replace("KNOWN", fleet.knownHosts().toString()).replace("ROOT", fleet.hostsRoot().toString());
  }

  private static String stageTimes(Rollout r) {
    Instant c = r.createdAt();
    return r.stages().stream().map(s -> s.type() + " " + at(c, s.startedAt()) + "-" + at(c, s.endedAt()))
        .collect(Collectors.joining(", "));
  }

  private static String batchTimes(Rollout r, List<TargetRun> targets) {
    Map<Integer, Instant> last = new TreeMap<>();
    Map<Integer, Integer> size = new TreeMap<>();
    for (TargetRun t : targets) {
      last.merge(t.batch(), t.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
      size.merge(t.batch(), 1, Integer::sum);
    }
    return last.entrySet().stream().map(e -> "batch " + e.getKey() + " (" + size.get(e.getKey()) + ") " + at(r.createdAt(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String at(Instant base, Instant t) {
    return t == null || base == null ? "?" : String.format(Locale.ROOT, "%.2f", Duration.between(base, t).toNanos() / 1e9);
  }

  /** An error with the host address and numbers taken out, so equal failures group together. */
  static String normalise(String error) {
    if (error == null) return "(no error)";
    return error.replaceAll("127\\.\\d+\\.\\d+\\.\\d+", "HOST").replaceAll("\\d+(\\.\\d+)? ?(ms|s)\\b", "N$2");
  }

  private static String head(List<String> l) {
    return l.size() <= 5 ? l.toString() : l.subList(0, 5) + " ...";
  }

  static String fmt(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double jvmCpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
      return os.getProcessCpuTime() / 1e9;
    return Double.NaN;
  }
}
