package dev.suture.bench.ssh;

import dev.suture.core.model.Asset;
import dev.suture.core.plan.FilesSnapshot;
import dev.suture.core.port.ActionKey;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.Credential;
import dev.suture.ssh.HostKeyListener;
import dev.suture.ssh.SshExecutor;
import dev.suture.ssh.testing.MemoryCredentials;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * What one step of the SOP costs on each side, measured with {@link SshExecutor} alone (no
 * engine, no database): for N hosts, one step at a time on all of them (at most {@code parallel}
 * commands at once), the wall time, this JVM's CPU and the fake hosts' CPU (sshd and everything
 * it runs, from its cgroup). Explains where a rollout's time goes on a machine that is both the
 * control node and every host.
 */
final class HostCosts {
  private final FleetInfo fleet;
  private final int n;
  private final int maxConnecting;
  private final int parallel;

  HostCosts(FleetInfo fleet, int n, int maxConnecting, int parallel) {
    this.fleet = fleet;
    this.n = n;
    this.maxConnecting = maxConnecting;
    this.parallel = parallel;
  }

  int run() throws Exception {
    List<String> hosts = fleet.hosts(n);
    fleet.reseed(hosts);
    ProcMeter.awaitNoChildren(fleet.sshdPid(), Duration.ofSeconds(60));
    MemoryCredentials credentials = new MemoryCredentials();
    credentials.put(SutureRun.CREDENTIAL, Credential.SSH_KEY, Files.readAllBytes(fleet.key()));
    Map<String, String> options = Map.of("user", fleet.user(), "port", Integer.toString(fleet.port()),
        "credentials", SutureRun.CREDENTIAL, "knownHosts", fleet.knownHosts().toString());
    String pkg = fleet.fakepkg().toString();
    List<String> snapshot = FilesSnapshot.create("DIR", 3, List.of("P1", "P2"), false);
    System.out.printf(Locale.ROOT, "# host costs: %d hosts, max-connecting %d, at most %d commands at once; per host: wall ms"
        + " (step wall / hosts), JVM CPU ms, hosts' CPU ms%n", n, maxConnecting, parallel);
    System.out.printf(Locale.ROOT, "%-44s %8s %8s %9s %9s %s%n", "step", "wall-s", "wall-ms", "jvm-ms", "host-ms", "failures");
    // Warm-up (JIT, class loading) with an executor of its own, closed before measuring.
    try (SshExecutor warm = new SshExecutor(credentials, fleet.knownHosts(), HostKeyListener.NONE, maxConnecting)) {
      for (int i = 0; i < 3; i++) step(warm, hosts.subList(0, Math.min(n, 50)), options, a -> List.of(pkg, "version", "openssl"), "(warm-up)");
    }
    ProcMeter.awaitNoChildren(fleet.sshdPid(), Duration.ofSeconds(60));
    SshExecutor ssh = new SshExecutor(credentials, fleet.knownHosts(), HostKeyListener.NONE, maxConnecting);
    int failures = 0;
    try {
      failures += step(ssh, hosts, options, a -> List.of("true"), "connect + auth + exec true (new session)");
      failures += step(ssh, hosts, options, a -> List.of("true"), "exec true (open session)");
      failures += step(ssh, hosts, options, a -> List.of(pkg, "version", "openssl"), "fakepkg version openssl");
      failures += step(ssh, hosts, options, a -> List.of(pkg, "health"), "fakepkg health");
      failures += step(ssh, hosts, options, a -> {
        List<String> argv = new ArrayList<>(snapshot);
        String root = fleet.hostsRoot().resolve(a).toString();
        argv.replaceAll(x -> x.equals("DIR") ? root + "/snapshots" : x.equals("P1") ? root + "/etc/app.conf"
            : x.equals("P2") ? root + "/pkg/openssl" : x.equals(FilesSnapshot.ID) ? "costs" : x);
        return argv;
      }, "files snapshot (Suture's script)");
      failures += step(ssh, hosts, options, a -> List.of(pkg, "install", "openssl", FleetInfo.TO_VERSION), "fakepkg install openssl");
    } finally {
      double host0 = fleet.hostCpuSeconds(), jvm0 = jvmCpu();
      long t0 = System.nanoTime();
      ssh.close();
      ProcMeter.awaitNoChildren(fleet.sshdPid(), Duration.ofSeconds(60));
      print("close all sessions (+ sshd teardown)", (System.nanoTime() - t0) / 1e9, jvmCpu() - jvm0, fleet.hostCpuSeconds() - host0, 0);
      fleet.reseed(hosts);
    }
    return failures == 0 ? 0 : 1;
  }

  private int step(SshExecutor ssh, List<String> hosts, Map<String, String> options, Function<String, List<String>> argv, String name)
      throws Exception {
    Semaphore slots = new Semaphore(parallel);
    double host0 = fleet.hostCpuSeconds(), jvm0 = jvmCpu();
    long t0 = System.nanoTime();
    List<CompletableFuture<ActionResult>> all = new ArrayList<>();
    for (String a : hosts) {
      slots.acquire();
      Asset asset = new Asset("h-" + a, "production", a, List.of(), Map.of(), null);
      ActionRequest r = new ActionRequest(new ActionKey("costs", asset.name(), ActionKind.APPLY, 1), asset, argv.apply(a),
          Duration.ofSeconds(120), options);
      CompletableFuture<ActionResult> f = ssh.start(r, p -> {}, null);
      f.whenComplete((x, e) -> slots.release());
      all.add(f);
    }
    Map<String, Integer> errors = new TreeMap<>();
    for (CompletableFuture<ActionResult> f : all) {
      ActionResult x = f.get();
      if (x.exitCode() != 0) errors.merge(SutureRun.normalise(x.describe()), 1, Integer::sum);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    int failed = errors.values().stream().mapToInt(Integer::intValue).sum();
    print(name, wall, jvmCpu() - jvm0, fleet.hostCpuSeconds() - host0, failed);
    errors.forEach((e, c) -> System.out.println("    " + c + " x " + e));
    return name.startsWith("(") ? 0 : failed;
  }

  private void print(String name, double wall, double jvm, double host, int failed) {
    System.out.printf(Locale.ROOT, "%-44s %8.2f %8.1f %9.1f %9.1f %d%n", name, wall, wall * 1000 / n, jvm * 1000 / n, host * 1000 / n,
        failed);
  }

  private static double jvmCpu() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
      return os.getProcessCpuTime() / 1e9;
    return Double.NaN;
  }
}
