package dev.suture.bench.ssh;

import dev.suture.ssh.SshExecutor;
import dev.suture.ssh.testing.Sshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Suture and Ansible side by side over real SSH: one sshd fixture ({@link Sshd}) on this machine
 * stands in for a fleet of hosts (127.0.1.1, 127.0.1.2, ...), and each tool takes the same hosts
 * through the same SOP (snapshot, canary 1 → 25 % → 100 %, install, version check, health
 * check). {@code suture-bench/run-ssh.sh} drives it; see docs/benchmarks.md.
 *
 * <pre>
 * fleet   --dir DIR --hosts N                      start sshd, seed N hosts, write DIR/fleet.properties,
 *                                                  print READY, run until stdin closes or SIGTERM
 * suture  --dir DIR --hosts N [--max-connecting K] one Suture rollout in process (run it under /usr/bin/time);
 *         [--wave-concurrency Q] [--connect-timeout D] the waves' maxConcurrency (default 100%) and the
 *                                                  plan's executor.options.connectTimeout (default: unset)
 * ansible --dir DIR --hosts N --forks F            one ansible-playbook run under /usr/bin/time
 * reseed  --dir DIR --hosts N                      put the first N hosts back to openssl 3.0.11
 * costs   --dir DIR --hosts N [--parallel P]       what each step costs the JVM and the hosts ({@link HostCosts})
 * </pre>
 *
 * Needs root (sshd switches to the fixture's user), /usr/sbin/sshd, ssh-keygen; for
 * {@code ansible}: Debian's ansible-core and GNU time.
 */
public final class SshFleetBench {
  static final String USAGE = """
      usage: SshFleetBench fleet   --dir DIR --hosts N
             SshFleetBench suture  --dir DIR --hosts N [--max-connecting K] [--timeout-s S]
                                   [--wave-concurrency 100%|N] [--connect-timeout 10s]
             SshFleetBench ansible --dir DIR --hosts N --forks F [--timeout-s S]
             SshFleetBench reseed  --dir DIR --hosts N
             SshFleetBench costs   --dir DIR --hosts N [--max-connecting K] [--parallel P]
      """;

  private SshFleetBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.print(USAGE);
      System.exit(args.length == 0 ? 2 : 0);
      return;
    }
    String cmd = args[0];
    Map<String, String> o;
    try {
      o = options(args, switch (cmd) {
        case "fleet", "reseed" -> Set.of("dir", "hosts");
        case "suture" -> Set.of("dir", "hosts", "max-connecting", "timeout-s", "wave-concurrency", "connect-timeout");
        case "ansible" -> Set.of("dir", "hosts", "forks", "timeout-s");
        case "costs" -> Set.of("dir", "hosts", "max-connecting", "parallel");
        default -> throw new IllegalArgumentException("unknown subcommand " + cmd);
      });
      if (!o.containsKey("dir") || !o.containsKey("hosts")) throw new IllegalArgumentException("--dir and --hosts are required");
      if (cmd.equals("ansible") && !o.containsKey("forks")) throw new IllegalArgumentException("--forks is required");
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    Path dir = Path.of(o.get("dir")).toAbsolutePath().normalize();
    int hosts = Integer.parseInt(o.get("hosts"));
    Duration timeout = Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout-s", "14400")));
    int status;
    switch (cmd) {
      case "fleet" -> status = fleet(dir, hosts);
      case "reseed" -> {
        FleetInfo f = FleetInfo.read(dir);
        f.reseed(f.hosts(hosts));
        status = 0;
      }
      case "suture" -> status = new SutureRun(FleetInfo.read(dir), hosts,
          Integer.parseInt(o.getOrDefault("max-connecting", Integer.toString(SshExecutor.DEFAULT_MAX_CONNECTING))), timeout,
          o.getOrDefault("wave-concurrency", "100%"), o.get("connect-timeout")).run();
      case "costs" -> status = new HostCosts(FleetInfo.read(dir), hosts,
          Integer.parseInt(o.getOrDefault("max-connecting", Integer.toString(SshExecutor.DEFAULT_MAX_CONNECTING))),
          Integer.parseInt(o.getOrDefault("parallel", "50"))).run();
      case "ansible" -> status = new AnsibleRun(FleetInfo.read(dir), hosts, Integer.parseInt(o.get("forks")), timeout).run();
      default -> throw new AssertionError(cmd);
    }
    System.out.flush();
    System.exit(status);
  }

  private static Map<String, String> options(String[] args, Set<String> allowed) {
    Map<String, String> o = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("expected --option value at " + a);
      String k = a.substring(2);
      if (!allowed.contains(k)) throw new IllegalArgumentException("unknown option --" + k + " (allowed: " + allowed + ")");
      o.put(k, args[++i]);
    }
    return o;
  }

  /** Starts the fleet and keeps it up until stdin closes (or SIGTERM). */
  private static int fleet(Path dir, int n) throws Exception {
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(FleetInfo.FILE));
    Optional<String> unavailable = Sshd.unavailable();
    if (unavailable.isPresent()) {
      System.err.println("error: cannot start a real sshd here: " + unavailable.get());
      return 1;
    }
    Sshd sshd = Sshd.start(dir.resolve("sshd"));
    long sshdPid = ProcessHandle.current().children()
        .filter(h -> h.info().command().map(c -> c.equals(Sshd.SSHD.toString())).orElse(false))
        .mapToLong(ProcessHandle::pid).findFirst()
        .orElseThrow(() -> new IllegalStateException("cannot find the sshd child process"));
    // Everything sshd forks from now on (connections, sessions, the commands) is counted here.
    Optional<CpuGroup> hostsGroup = CpuGroup.create("ssb-hosts-" + ProcessHandle.current().pid());
    if (hostsGroup.isPresent()) hostsGroup.get().join(sshdPid);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sshd.close();
      hostsGroup.ifPresent(CpuGroup::remove);
      try {
        Files.deleteIfExists(dir.resolve(FleetInfo.FILE));
      } catch (IOException ignored) {
        // best effort
      }
    }, "fleet-shutdown"));
    List<String> addresses = Sshd.addresses(n);
    Path knownHosts = sshd.knownHosts(addresses);
    for (String a : addresses) sshd.seedHost(a, FleetInfo.PACKAGE, FleetInfo.FROM_VERSION, Map.of("etc/app.conf", FleetInfo.appConf(a)));
    FleetInfo info = new FleetInfo(dir, sshd.port(), sshd.user(), sshd.ed25519Key(), knownHosts, sshd.hostsRoot(), sshd.fakepkg(),
        sshdPid, hostsGroup.map(g -> g.dir().toString()).orElse(""), addresses);
    info.write();
    System.out.println("# fleet: " + n + " hosts " + addresses.get(0) + " .. " + addresses.get(n - 1) + " on port " + sshd.port()
        + " (sshd pid " + sshdPid + "), state in " + sshd.hostsRoot());
    System.out.println("READY");
    System.out.flush();
    while (System.in.read() != -1) {
      // run until stdin closes
    }
    System.out.println("# fleet: stdin closed, stopping sshd");
    return 0; // System.exit runs the shutdown hook, which closes sshd
  }
}
