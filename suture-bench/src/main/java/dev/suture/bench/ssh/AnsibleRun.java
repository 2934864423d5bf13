package dev.suture.bench.ssh;

import dev.suture.core.plan.FilesSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The same SOP as {@link SutureRun} as an Ansible playbook, run by {@code ansible-playbook}
 * (Debian's ansible-core) under GNU time: {@code serial: [1, "25%", "100%"]},
 * {@code max_fail_percentage: 0}, pipelining, ControlPersist, {@code forks} as given, no fact
 * gathering. Steps per host: the very same {@code files} snapshot script Suture runs
 * ({@link FilesSnapshot#create}), the install, the version check, the health check.
 *
 * <p>ControlPersist masters detach from ansible-playbook, so GNU time alone would not count them.
 * {@code ansible-playbook} therefore runs under a tiny Python wrapper that makes itself a child
 * subreaper: the detached masters become its children; once the playbook has ended it stops them
 * (SIGTERM, as their idle timeout would later) and reaps them, so their CPU is in what GNU time
 * reports, and the next run starts without warm connections, as Suture's does.
 */
final class AnsibleRun {
  static final Path PLAYBOOK_BIN = Path.of("/usr/bin/ansible-playbook");
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Path GNU_TIME = Path.of("/usr/bin/time");
  private static final int RETAIN = 3;

  private static final String REAPER = """
      # Runs argv as a child while being a child subreaper (PR_SET_CHILD_SUBREAPER), so processes
      # that detach from it (ssh ControlPersist masters) are re-parented here instead of to init.
      # When the child has exited, the leftovers are stopped and reaped: their CPU time and memory
      # then count in this process's RUSAGE_CHILDREN, which is what GNU time reports.
      import ctypes, os, signal, subprocess, sys, time
      cgroup = os.environ.pop("SSB_CGROUP", "")
      if cgroup:  # a cpuacct group that counts this process and everything it starts, detached or not
          with open(cgroup + "/cgroup.procs", "w") as f:
              f.write(str(os.getpid()))
      libc = ctypes.CDLL(None, use_errno=True)
      if libc.prctl(36, 1, 0, 0, 0) != 0:
          sys.exit("prctl(PR_SET_CHILD_SUBREAPER) failed: errno %d" % ctypes.get_errno())
      rc = subprocess.call(sys.argv[1:])
      me = os.getpid()
      def children():
          out = []
          for d in os.listdir("/proc"):
              if not d.isdigit():
                  continue
              try:
                  with open("/proc/%s/stat" % d) as f:
                      s = f.read()
                  if int(s[s.rindex(")") + 2:].split()[1]) == me:
                      out.append(int(d))
              except (OSError, ValueError):
                  pass
          return out
      left = children()
      for pid in left:
          try:
              os.kill(pid, signal.SIGTERM)
          except ProcessLookupError:
              pass
      deadline = time.time() + 15
      while True:
          try:
              pid, _ = os.waitpid(-1, os.WNOHANG)
          except ChildProcessError:
              break
          if pid == 0:
              if time.time() > deadline:
                  for p in children():
                      os.kill(p, signal.SIGKILL)
              time.sleep(0.005)
      print("reaper: stopped and reaped %d detached process(es) (ssh ControlPersist masters)" % len(left), file=sys.stderr)
      sys.exit(rc)
      """;

  private final FleetInfo fleet;
  private final int n;
  private final int forks;
  private final Duration timeout;

  AnsibleRun(FleetInfo fleet, int n, int forks, Duration timeout) {
    this.fleet = fleet;
    this.n = n;
    this.forks = forks;
    this.timeout = timeout;
  }

  int run() throws Exception {
    for (Path p : List.of(PLAYBOOK_BIN, PYTHON, GNU_TIME)) {
      if (!Files.isExecutable(p)) throw new IllegalStateException(p + " is missing (Debian packages: ansible-core, python3, time)");
    }
    List<String> hosts = fleet.hosts(n);
    Path work = fleet.dir().resolve("ansible-" + n + "-f" + forks);
    if (Files.exists(work)) FleetInfo.deleteTree(work);
    Files.createDirectories(work.resolve("tmp"));
    Path controlDir = fleet.dir().resolve("cp");
    Files.createDirectories(controlDir);
    String snapshotId = "ansible-" + System.currentTimeMillis();
    Path inventory = work.resolve("inventory.ini");
    Path cfg = work.resolve("ansible.cfg");
    Path playbook = work.resolve("sop.yml");
    Path reaper = work.resolve("reap.py");
    Path timeFile = work.resolve("time.txt");
    Path log = work.resolve("ansible.log");
    Files.writeString(inventory, inventory(hosts));
    Files.writeString(cfg, config(inventory, controlDir, work.resolve("tmp")));
    Files.writeString(playbook, playbook(snapshotId));
    Files.writeString(reaper, REAPER);

    long t0 = System.nanoTime();
    fleet.reseed(hosts);
    double reseedS = (System.nanoTime() - t0) / 1e9;
    if (!ProcMeter.awaitNoChildren(fleet.sshdPid(), Duration.ofSeconds(60))) {
      System.err.println("warning: connections of an earlier run are still open on sshd");
    }

    List<String> argv = List.of(GNU_TIME.toString(), "-v", "-o", timeFile.toString(), PYTHON.toString(), reaper.toString(),
        PLAYBOOK_BIN.toString(), playbook.toString());
    System.out.println("# ansible command: cd " + work + " && ANSIBLE_CONFIG=" + cfg + " " + String.join(" ", argv));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(work.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(log.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("ANSIBLE_CONFIG", cfg.toString());
    Optional<CpuGroup> group = CpuGroup.create("ssb-ansible-" + ProcessHandle.current().pid());
    group.ifPresent(g -> env.put("SSB_CGROUP", g.dir().toString()));
    // This sandbox sets both; a stock Debian environment has neither (unbuffered output would
    // cost Ansible extra write calls).
    env.remove("PYTHONDONTWRITEBYTECODE");
    env.remove("PYTHONUNBUFFERED");

    double load0 = ProcMeter.loadAverage1();
    double busy0 = ProcMeter.machineBusySeconds();
    double host0 = fleet.hostCpuSeconds();
    long start = System.nanoTime();
    Process p = pb.start();
    int rc;
    try (ProcMeter.TreeMemory memory = new ProcMeter.TreeMemory(p.toHandle(), Duration.ofMillis(500))) {
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.toHandle().descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException("ansible-playbook did not finish within " + timeout.toSeconds() + " s; log: " + log);
      }
      rc = p.exitValue();
      double observedWall = (System.nanoTime() - start) / 1e9;
      boolean drained = ProcMeter.awaitNoChildren(fleet.sshdPid(), Duration.ofSeconds(60));
      double hostCpu = fleet.hostCpuSeconds() - host0;
      double busy = ProcMeter.machineBusySeconds() - busy0;
      double measuredS = (System.nanoTime() - start) / 1e9;
      double load1 = ProcMeter.loadAverage1();
      memory.close();
      GnuTime t = GnuTime.parse(Files.readString(timeFile));
      double toolCpu = group.map(CpuGroup::seconds).orElse(Double.NaN);
      group.ifPresent(CpuGroup::remove);

      List<String> problems = new ArrayList<>();
      if (rc != 0) problems.add("ansible-playbook exited " + rc + " (see " + log + "): " + tail(log));
      if (t.exit() != 0 && rc == 0) problems.add("GNU time reports exit status " + t.exit());
      List<String> unpatched = fleet.unpatched(hosts);
      if (!unpatched.isEmpty()) problems.add(unpatched.size() + " host(s) not at " + FleetInfo.TO_VERSION + ": " + unpatched.subList(0, Math.min(5, unpatched.size())));
      List<String> unsnapshotted = fleet.withoutSnapshot(hosts, snapshotId);
      if (!unsnapshotted.isEmpty()) problems.add(unsnapshotted.size() + " host(s) without a complete snapshot " + snapshotId);
      if (!drained) problems.add("sshd still had connections 60 s after ansible-playbook ended (host CPU undercounted)");
      String recap = recap(log);
      System.out.printf(Locale.ROOT, "# ansible %d hosts, forks %d: exit %d in %.2f s (reseed %.2f s); %s%n", n, forks, rc, t.wallSeconds(),
          reseedS, recap);
      System.out.println("# " + reaperLine(log));
      Map<String, String> result = new LinkedHashMap<>();
      result.put("tool", "ansible");
      result.put("hosts", Integer.toString(n));
      result.put("conc", "forks=" + forks);
      result.put("wall_s", SutureRun.fmt(t.wallSeconds()));
      result.put("observed_wall_s", SutureRun.fmt(observedWall));
      result.put("user_s", SutureRun.fmt(t.userSeconds()));
      result.put("sys_s", SutureRun.fmt(t.systemSeconds()));
      result.put("maxrss_mb", Long.toString(t.maxRssKb() / 1024));
      result.put("tool_cpu_s", SutureRun.fmt(toolCpu));
      result.put("host_cpu_s", SutureRun.fmt(hostCpu));
      result.put("machine_cpu_s", SutureRun.fmt(busy));
      result.put("measured_s", SutureRun.fmt(measuredS));
      result.put("tree_pss_mb", Long.toString(memory.peakPssKb() / 1024));
      result.put("tree_rss_mb", Long.toString(memory.peakRssKb() / 1024));
      result.put("sampler_cpu_s", SutureRun.fmt(memory.samplerCpuSeconds()));
      result.put("tree_procs", Integer.toString(memory.peakProcesses()));
      result.put("load_before", SutureRun.fmt(load0));
      result.put("load_after", SutureRun.fmt(load1));
      result.put("ok", Boolean.toString(problems.isEmpty()));
      System.out.println("RESULT " + result.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
      if (!problems.isEmpty()) {
        System.out.println("FAILED: ansible run at " + n + " hosts, forks " + forks + ":");
        problems.forEach(x -> System.out.println("  - " + x));
        return 1;
      }
      return 0;
    }
  }

  private String inventory(List<String> hosts) {
    StringBuilder sb = new StringBuilder("[fleet]\n");
    for (int i = 0; i < hosts.size(); i++) {
      sb.append(String.format("host-%04d", i)).append(" ansible_host=").append(hosts.get(i)).append('\n');
    }
    sb.append("\n[fleet:vars]\n")
        .append("ansible_port=").append(fleet.port()).append('\n')
        .append("ansible_user=").append(fleet.user()).append('\n')
        .append("ansible_ssh_private_key_file=").append(fleet.key()).append('\n')
        .append("ansible_ssh_common_args='-o UserKnownHostsFile=").append(fleet.knownHosts())
        .append(" -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'\n")
        .append("ansible_python_interpreter=").append(PYTHON).append('\n')
        .append("hosts_root=").append(fleet.hostsRoot()).append('\n')
        .append("fakepkg=").append(fleet.fakepkg()).append('\n');
    return sb.toString();
  }

  private String config(Path inventory, Path controlDir, Path localTmp) {
    return """
        # Generated by SshFleetBench ansible: tuned as the Ansible docs advise for large fleets.
        [defaults]
        inventory = INVENTORY
        forks = FORKS
        gathering = explicit
        host_key_checking = True
        interpreter_python = PYTHON
        retry_files_enabled = False
        deprecation_warnings = False
        # default output callback, without a line per ok host per task
        display_ok_hosts = False
        display_skipped_hosts = False
        local_tmp = LOCALTMP

        [ssh_connection]
        pipelining = True
        ssh_args = -o ControlMaster=auto -o ControlPersist=120s
        control_path_dir = CONTROLDIR
        """.replace("INVENTORY", inventory.toString()).replace("FORKS", Integer.toString(forks))
        .replace("PYTHON", PYTHON.toString()).replace("LOCALTMP", localTmp.toString()).replace("CONTROLDIR", controlDir.toString());
  }

  String playbook(String snapshotId) {
    // The exact argv Suture's files snapshot runs: sh -c SCRIPT suture-snapshot DIR ID RETAIN PATH...
    List<String> create = FilesSnapshot.create("/DIR", RETAIN, List.of("/PATH"), false);
    if (!create.get(0).equals("sh") || !create.get(1).equals("-c") || !create.get(4).equals("/DIR")) {
      throw new IllegalStateException("unexpected FilesSnapshot.create argv layout: " + create.subList(0, 3));
    }
    String script = create.get(2);
    String name = create.get(3);
    String pkg = fleet.fakepkg().toString();
    return """
        # Generated by SshFleetBench ansible: the SOP of the Suture run, as a playbook.
        - name: openssl @TO@ (canary 1, then 25 %, then 100 %; any failure halts)
          hosts: fleet
          gather_facts: false
          serial: [1, "25%", "100%"]
          max_fail_percentage: 0
          any_errors_fatal: false
          vars:
            hostdir: "{{ hosts_root }}/{{ ansible_host }}"
          tasks:
            - name: snapshot (the same script as Suture's files snapshot)
              ansible.builtin.command:
                argv:
                  - sh
                  - -c
                  - !unsafe @SCRIPT@
                  - @NAME@
                  - "{{ hostdir }}/snapshots"
                  - @SNAPID@
                  - "@RETAIN@"
                  - "{{ hostdir }}/etc/app.conf"
                  - "{{ hostdir }}/pkg/openssl"
            - name: apply
              ansible.builtin.command:
                argv: [@PKG@, install, openssl, "@TO@"]
            - name: version check
              ansible.builtin.command:
                argv: [@PKG@, version, openssl]
              register: installed
              changed_when: false
              failed_when: installed.rc != 0 or installed.stdout != "@TO@"
            - name: health check
              ansible.builtin.command:
                argv: [@PKG@, health]
              changed_when: false
        """.replace("@NAME@", name).replace("@SNAPID@", snapshotId).replace("@RETAIN@", Integer.toString(RETAIN))
        .replace("@PKG@", pkg).replace("@TO@", FleetInfo.TO_VERSION)
        .replace("@SCRIPT@", yamlQuote(script)); // last: nothing is substituted inside the script
  }

  /** A YAML double-quoted scalar. */
  static String yamlQuote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\x%02x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String recap(Path log) throws IOException {
    int ok = 0, changed = 0, failed = 0, unreachable = 0;
    Pattern p = Pattern.compile("ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)");
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        ok += Integer.parseInt(m.group(1));
        changed += Integer.parseInt(m.group(2));
        unreachable += Integer.parseInt(m.group(3));
        failed += Integer.parseInt(m.group(4));
      }
    }
    return "recap: ok=" + ok + " changed=" + changed + " unreachable=" + unreachable + " failed=" + failed;
  }

  private static String reaperLine(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("reaper:")).findFirst()
        .orElse("reaper: (no line)");
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
  }

  /** What {@code /usr/bin/time -v} wrote. */
  record GnuTime(double wallSeconds, double userSeconds, double systemSeconds, long maxRssKb, int exit) {
    static GnuTime parse(String text) {
      double wall = Double.NaN, user = Double.NaN, sys = Double.NaN;
      long rss = -1;
      int exit = -1;
      for (String raw : text.split("\n")) {
        String line = raw.trim();
        int colon = line.lastIndexOf(": ");
        if (colon < 0) continue;
        String value = line.substring(colon + 2).trim();
        if (line.startsWith("User time (seconds)")) user = Double.parseDouble(value);
        else if (line.startsWith("System time (seconds)")) sys = Double.parseDouble(value);
        else if (line.startsWith("Maximum resident set size")) rss = Long.parseLong(value);
        else if (line.startsWith("Exit status")) exit = Integer.parseInt(value);
        else if (line.startsWith("Elapsed (wall clock) time")) wall = clock(value);
      }
      return new GnuTime(wall, user, sys, rss, exit);
    }

    /** h:mm:ss or m:ss(.ss) */
    static double clock(String v) {
      String[] parts = v.split(":");
      double s = 0;
      for (String part : parts) s = s * 60 + Double.parseDouble(part);
      return s;
    }
  }
}
