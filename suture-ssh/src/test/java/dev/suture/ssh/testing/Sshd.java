package dev.suture.ssh.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd}) on a free loopback port, standing in for a
 * fleet of hosts: it listens on 0.0.0.0, so every 127.x.y.z address reaches it, and the fake
 * host commands in {@link #bin()} keep one state directory per address that was connected to
 * (the third field of {@code $SSH_CONNECTION}) under {@code <workDir>/hosts}.
 *
 * <p>Logins are as the dedicated user {@value #USER} (shell {@code /bin/sh}), created once on
 * this machine, with either {@link #ed25519Key()} or {@link #rsaKey()}. Requires root; tests
 * call {@link #assumeAvailable()} first (skip locally, fail when {@code CI=true}).
 *
 * <p>Fake host commands (absolute paths, used as argv[0]):
 *
 * <ul>
 *   <li>{@code fakepkg version PKG} prints the installed version (default {@code 1.0});
 *   <li>{@code fakepkg install PKG VERSION} installs, unless {@link #setBehaviour} says {@code
 *       fail} (exit 100, "E: simulated failure" on stderr), {@code hang} (writes its pid to
 *       {@code hang.pid}, then sleeps an hour) or {@code wrong-version} (exit 0, no change); an
 *       install appends "patched to VERSION" to {@code etc/app.conf} and marks {@code
 *       reboot-required};
 *   <li>{@code fakepkg health} ("ok", or exit 1 "unhealthy" when {@link #setUnhealthy});
 *   <li>{@code fakepkg reboot-required} (exit 0 when a reboot is pending, else 1);
 *   <li>{@code fakepkg reboot} (clears reboot-required, appends a line to {@code reboots});
 *   <li>{@code fakepkg hostdir}; and {@code echo-args ARG...} printing {@code <ARG>} per line and
 *       {@code n=COUNT}.
 * </ul>
 */
public final class Sshd implements AutoCloseable {
  public static final String USER = "suture-test";
  public static final Path SSHD = Path.of("/usr/sbin/sshd");
  /** Fake hosts per /24 block of {@link #address(int)}: .1 to .250. */
  public static final int HOSTS_PER_BLOCK = 250;

  private static final List<String> SCRIPTS = List.of("fakepkg", "echo-args");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._/+-]+");
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final Set<PosixFilePermission> DIR_755 = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> FILE_644 = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> FILE_600 = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> EXEC_755 = DIR_755;

  private static final Object USER_LOCK = new Object();
  private static boolean userReady;
  private static byte[][] cachedRsa; // {private, public}: RSA 3072 generation takes up to ~1 s
  private static Integer[] sshdVersion;

  private final Path workDir;
  private final Path hostsRoot;
  private final Path bin;
  private final Path config;
  private final Path log;
  private final Path ed25519Key;
  private final Path rsaKey;
  private final Path hostKeyPath;
  private final String hostKeyLine;
  private final UserPrincipal testUser;
  private final AtomicInteger fileCounter = new AtomicInteger();
  private volatile Process process;
  private volatile int port;
  private Thread shutdownHook;

  private Sshd(Path workDir, UserPrincipal testUser) throws IOException, InterruptedException {
    this.workDir = workDir;
    this.testUser = testUser;
    this.hostsRoot = workDir.resolve("hosts");
    this.bin = workDir.resolve("bin");
    this.config = workDir.resolve("sshd_config");
    this.log = workDir.resolve("sshd.log");
    this.ed25519Key = workDir.resolve("client_ed25519");
    this.rsaKey = workDir.resolve("client_rsa");

    Files.createDirectories(hostsRoot);
    Files.createDirectories(bin);
    Files.createDirectories(workDir.resolve("keys"));
    Files.setPosixFilePermissions(bin, DIR_755);
    Files.setOwner(hostsRoot, testUser);
    Files.setPosixFilePermissions(hostsRoot, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(workDir.resolve("keys"), PosixFilePermissions.fromString("rwx------"));

    Path hostKey = workDir.resolve("keys/ssh_host_ed25519_key");
    List<Process> keygens = new ArrayList<>();
    keygens.add(keygen("ed25519", hostKey, "suture-test-host"));
    keygens.add(keygen("ed25519", ed25519Key, "suture-test-ed25519"));
    byte[][] rsa;
    synchronized (USER_LOCK) {
      rsa = cachedRsa;
    }
    if (rsa == null) {
      keygens.add(keygen("rsa", rsaKey, "suture-test-rsa"));
    } else {
      Files.write(rsaKey, rsa[0]);
      Files.write(pub(rsaKey), rsa[1]);
      Files.setPosixFilePermissions(rsaKey, FILE_600);
    }
    for (Process p : keygens) {
      awaitOk(p, "ssh-keygen");
    }
    if (rsa == null) {
      synchronized (USER_LOCK) {
        cachedRsa = new byte[][] {Files.readAllBytes(rsaKey), Files.readAllBytes(pub(rsaKey))};
      }
    }
    this.hostKeyLine = publicKeyLine(pub(hostKey));

    Path authorized = workDir.resolve("authorized_keys");
    Files.writeString(
        authorized,
        publicKeyLine(pub(ed25519Key)) + " suture-test-ed25519\n" + publicKeyLine(pub(rsaKey)) + " suture-test-rsa\n");
    Files.setPosixFilePermissions(authorized, FILE_644);

    for (String script : SCRIPTS) {
      Path target = bin.resolve(script);
      try (InputStream in = Sshd.class.getResourceAsStream("/fakehost/" + script)) {
        if (in == null) {
          throw new IOException("test resource /fakehost/" + script + " is missing from the classpath");
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.setPosixFilePermissions(target, EXEC_755);
    }
    this.hostKeyPath = hostKey;
  }

  /**
   * Starts sshd with everything (keys, config, log, fake host state) under {@code workDir}, e.g.
   * a JUnit {@code @TempDir}. The path must consist of {@code [A-Za-z0-9._/+-]} only.
   */
  public static Sshd start(Path workDir) throws Exception {
    Optional<String> reason = unavailable();
    if (reason.isPresent()) {
      throw new IllegalStateException("cannot start a real sshd: " + reason.get());
    }
    Path dir = workDir.toAbsolutePath().normalize();
    if (!SAFE_PATH.matcher(dir.toString()).matches()) {
      throw new IllegalArgumentException("sshd work dir must match " + SAFE_PATH + ": " + dir);
    }
    UserPrincipal user = ensureTestUser();
    Files.createDirectories(dir);
    makeTraversable(dir);
    Sshd sshd = new Sshd(dir, user);
    try {
      sshd.launch();
    } catch (Exception | Error e) {
      sshd.close();
      throw e;
    }
    return sshd;
  }

  /** Why a real sshd cannot run here, or empty when it can. */
  public static Optional<String> unavailable() {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return Optional.of("not Linux");
    }
    if (!Files.isExecutable(SSHD)) {
      return Optional.of(SSHD + " is missing (Debian package openssh-server)");
    }
    if (keygenCommand() == null) {
      return Optional.of("ssh-keygen is missing (Debian package openssh-client)");
    }
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if (!Integer.valueOf(0).equals(uid)) {
        return Optional.of("not running as root (uid " + uid + "): sshd needs root to switch to the test user");
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.of("cannot tell the current uid: " + e);
    }
    if (!userExists() && !Files.isExecutable(Path.of("/usr/sbin/useradd"))) {
      return Optional.of("user " + USER + " does not exist and /usr/sbin/useradd is missing");
    }
    return Optional.empty();
  }

  /** Skips the calling test when no real sshd can run here; fails instead when {@code CI=true}. */
  public static void assumeAvailable() {
    Optional<String> reason = unavailable();
    if (reason.isEmpty()) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("a real sshd is required when CI=true: " + reason.get());
    }
    Assumptions.assumeTrue(false, "real sshd unavailable: " + reason.get());
  }

  /**
   * The i-th fake host address, i from 0: 127.0.1.1 .. 127.0.1.250, 127.0.2.1 .. 127.0.2.250,
   * ... (never .0 or .255 in the last two octets).
   */
  public static String address(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("negative host index " + i);
    }
    int block = i / HOSTS_PER_BLOCK;
    int second = block / 254;
    int third = 1 + block % 254;
    if (second > 254) {
      throw new IllegalArgumentException("host index too large: " + i);
    }
    return "127." + second + "." + third + "." + (1 + i % HOSTS_PER_BLOCK);
  }

  /** The first {@code n} fake host addresses. */
  public static List<String> addresses(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(address(i));
    }
    return out;
  }

  public int port() {
    return port;
  }

  public String user() {
    return USER;
  }

  public Path workDir() {
    return workDir;
  }

  /** Client private key, OpenSSH format, no passphrase, authorized. */
  public Path ed25519Key() {
    return ed25519Key;
  }

  /** Client RSA 3072 private key, PEM (PKCS#1), no passphrase, authorized. */
  public Path rsaKey() {
    return rsaKey;
  }

  /** The server's public host key, {@code "ssh-ed25519 AAAA..."}. */
  public String hostKeyLine() {
    return hostKeyLine;
  }

  /** Writes a known_hosts file with {@code [addr]:port <hostKeyLine>} for each address. */
  public Path knownHosts(List<String> addresses) throws IOException {
    return writeKnownHosts("known_hosts", addresses, hostKeyLine);
  }

  /** Like {@link #knownHosts} but with a freshly generated, different ed25519 key. */
  public Path wrongKnownHosts(List<String> addresses) throws IOException {
    Path key = workDir.resolve("keys/wrong_" + fileCounter.incrementAndGet());
    try {
      awaitOk(keygen("ed25519", key, "wrong"), "ssh-keygen");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating a key", e);
    }
    return writeKnownHosts("wrong_known_hosts", addresses, publicKeyLine(pub(key)));
  }

  /** The known_hosts line for one address: {@code [addr]:port ssh-ed25519 AAAA...}. */
  public String knownHostsLine(String address) {
    return "[" + checkAddress(address) + "]:" + port + " " + hostKeyLine;
  }

  /** Root of all fake host state dirs; the remote side sees it as {@code $SUTURE_FAKE_ROOT}. */
  public Path hostsRoot() {
    return hostsRoot;
  }

  /** That host's state dir, created on demand and writable by the test user. */
  public Path hostDir(String address) {
    Path dir = hostsRoot.resolve(checkAddress(address));
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        Files.setOwner(dir, testUser);
        Files.setPosixFilePermissions(dir, DIR_755);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Directory holding the fake host commands. */
  public Path bin() {
    return bin;
  }

  public Path fakepkg() {
    return bin.resolve("fakepkg");
  }

  public Path echoArgs() {
    return bin.resolve("echo-args");
  }

  /** sshd's own log (stderr of the server and its per-connection children). */
  public Path log() {
    return log;
  }

  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /**
   * Seeds a host: the installed version of {@code pkg} (skipped when pkg is null) and arbitrary
   * files, keyed by path relative to the host dir (e.g. {@code "etc/app.conf"}).
   */
  public void seedHost(String address, String pkg, String version, Map<String, String> files) {
    Path dir = hostDir(address);
    if (pkg != null) {
      checkName(pkg);
      writeHostFile(dir, "pkg/" + pkg, version + "\n");
    }
    if (files != null) {
      files.forEach((rel, content) -> writeHostFile(dir, rel, content));
    }
  }

  /** {@code fail}, {@code hang}, {@code wrong-version}, or null/empty for a normal install. */
  public void setBehaviour(String address, String behaviour) {
    Path dir = hostDir(address);
    if (behaviour == null || behaviour.isEmpty()) {
      deleteQuietly(dir.resolve("behaviour"));
    } else {
      writeHostFile(dir, "behaviour", behaviour);
    }
  }

  public void setUnhealthy(String address, boolean unhealthy) {
    Path dir = hostDir(address);
    if (unhealthy) {
      writeHostFile(dir, "unhealthy", "");
    } else {
      deleteQuietly(dir.resolve("unhealthy"));
    }
  }

  /** The version {@code fakepkg version pkg} would print on that host. */
  public String installedVersion(String address, String pkg) {
    checkName(pkg);
    Path file = hostsRoot.resolve(checkAddress(address)).resolve("pkg").resolve(pkg);
    try {
      return Files.exists(file) ? Files.readString(file).strip() : "1.0";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean rebootRequired(String address) {
    return Files.exists(hostsRoot.resolve(checkAddress(address)).resolve("reboot-required"));
  }

  /** A file under the host dir, or empty when absent. */
  public Optional<String> readHostFile(String address, String relative) {
    Path file = resolveInside(hostsRoot.resolve(checkAddress(address)), relative);
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The pid a {@code hang} install wrote, once written: the script writes {@code $$} and then
   * execs {@code sleep 3600}, so for a moment it may still be the shell, then it is the sleep.
   */
  public OptionalLong hangPid(String address) {
    Optional<String> text = readHostFile(address, "hang.pid");
    if (text.isEmpty() || text.get().isBlank()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(text.get().strip()));
  }

  /** Whether a process with that pid is alive and not a zombie. */
  public static boolean isAlive(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      int close = stat.lastIndexOf(')');
      return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The system OpenSSH client with the options to reach this server: {@code key}, the port,
   * strict host key checking against {@code knownHosts}, batch mode, and neither the caller's ssh
   * config nor its agent. Append the destination ({@code suture-test@ADDR}) and what else is needed.
   */
  public List<String> sshOptions(Path key, Path knownHosts) {
    return new ArrayList<>(List.of(
        "ssh", "-F", "/dev/null", "-T",
        "-i", key.toString(),
        "-p", Integer.toString(port),
        "-o", "UserKnownHostsFile=" + knownHosts,
        "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "StrictHostKeyChecking=yes",
        "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes",
        "-o", "IdentityAgent=none",
        "-o", "ConnectTimeout=10",
        "-o", "LogLevel=ERROR"));
  }

  /**
   * Argv for the system OpenSSH client running {@code remoteArgv} on {@code address} (see {@link
   * #sshOptions}). Each remote argument is single-quoted for the remote shell, so it arrives
   * literally.
   */
  public List<String> sshArgv(Path key, Path knownHosts, String address, List<String> remoteArgv) {
    List<String> argv = sshOptions(key, knownHosts);
    argv.add(USER + "@" + checkAddress(address));
    argv.add("--");
    List<String> quoted = new ArrayList<>();
    for (String arg : remoteArgv) {
      quoted.add(shellQuote(arg));
    }
    argv.add(String.join(" ", quoted));
    return argv;
  }

  /** Quotes one word for a POSIX shell: {@code 'it'\''s'}. */
  public static String shellQuote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Stops sshd (SIGTERM, then SIGKILL) and every process it or the fake hosts left behind. */
  @Override
  public synchronized void close() {
    Process p = process;
    process = null;
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException ignored) {
        // JVM already shutting down
      }
      shutdownHook = null;
    }
    Set<ProcessHandle> leftovers = new LinkedHashSet<>();
    if (p != null) {
      // Per-connection sshd processes survive the listener: collect them while they are its children.
      p.descendants().forEach(leftovers::add);
      p.destroy();
    }
    leftovers.addAll(processesWithOurEnvironment());
    leftovers.forEach(ProcessHandle::destroy);
    if (p != null) {
      try {
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    // A session may have forked a command while we were collecting: look once more.
    for (ProcessHandle h : processesWithOurEnvironment()) {
      if (leftovers.add(h)) {
        h.destroy();
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    for (ProcessHandle h : leftovers) {
      long remaining = Math.max(0, deadline - System.nanoTime());
      try {
        h.onExit().get(remaining, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  @Override
  public String toString() {
    return "Sshd[port=" + port + ", workDir=" + workDir + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private void launch() throws Exception {
    Files.createDirectories(Path.of("/run/sshd"));
    Files.setPosixFilePermissions(Path.of("/run/sshd"), DIR_755);
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int candidate = freePort();
      Files.writeString(config, config(candidate));
      Files.setPosixFilePermissions(config, FILE_644);
      Files.writeString(log, "---- sshd on port " + candidate + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      ProcessBuilder pb = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString());
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.redirectErrorStream(true);
      pb.directory(workDir.toFile());
      Process p = pb.start();
      process = p;
      port = candidate;
      shutdownHook = new Thread(p::destroyForcibly, "sshd-fixture-shutdown-" + candidate);
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      try {
        awaitListening(p, candidate);
        return;
      } catch (IOException e) {
        last = e;
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        shutdownHook = null;
        process = null;
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        if (!logText().contains("Address already in use")) {
          throw e;
        }
      }
    }
    throw last;
  }

  private void awaitListening(Process p, int candidate) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("sshd exited with status " + p.exitValue() + " before listening on port "
            + candidate + "; its log (" + log + "):\n" + logText());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", candidate), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(10);
      }
    }
    throw new IOException("sshd did not listen on port " + candidate + " within " + START_TIMEOUT
        + "; its log (" + log + "):\n" + logText());
  }

  private String config(int listenPort) {
    StringBuilder c = new StringBuilder();
    c.append("# Generated by dev.suture.ssh.testing.Sshd\n");
    c.append("Port ").append(listenPort).append('\n');
    c.append("ListenAddress 0.0.0.0\n");
    c.append("AddressFamily inet\n");
    c.append("HostKey ").append(hostKeyPath).append('\n');
    c.append("PidFile none\n");
    c.append("UsePAM no\n");
    c.append("PasswordAuthentication no\n");
    c.append("KbdInteractiveAuthentication no\n");
    c.append("HostbasedAuthentication no\n");
    c.append("PubkeyAuthentication yes\n");
    c.append("AuthenticationMethods publickey\n");
    c.append("AuthorizedKeysFile ").append(workDir.resolve("authorized_keys")).append('\n');
    c.append("AuthorizedPrincipalsFile none\n");
    c.append("StrictModes no\n");
    c.append("PermitRootLogin no\n");
    // Only the test user, and only from loopback although the port is bound on all interfaces.
    c.append("AllowUsers ").append(USER).append("@127.0.0.0/8\n");
    c.append("MaxStartups 4000:30:5000\n");
    c.append("MaxSessions 100\n");
    c.append("MaxAuthTries 10\n");
    c.append("LoginGraceTime 60\n");
    c.append("AllowTcpForwarding yes\n");
    c.append("AllowStreamLocalForwarding no\n");
    c.append("AllowAgentForwarding no\n");
    c.append("GatewayPorts no\n");
    c.append("X11Forwarding no\n");
    c.append("PermitTunnel no\n");
    c.append("PermitTTY no\n");
    c.append("PermitUserEnvironment no\n");
    c.append("PermitUserRC no\n");
    c.append("PrintMotd no\n");
    c.append("PrintLastLog no\n");
    c.append("UseDNS no\n");
    c.append("TCPKeepAlive yes\n");
    c.append("ClientAliveInterval 0\n");
    c.append("LogLevel ERROR\n");
    // No post-quantum hybrid (sntrup761/mlkem): ~80 ms of CPU per handshake on each side, which
    // would dominate fan-out tests and benchmarks on small machines. Every client offers these.
    c.append("KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
        + "ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group14-sha256,diffie-hellman-group16-sha512\n");
    c.append("SetEnv SUTURE_FAKE_ROOT=").append(hostsRoot).append('\n');
    c.append("Subsystem sftp internal-sftp\n");
    Integer[] v = sshdVersion();
    if (v != null && (v[0] > 9 || (v[0] == 9 && v[1] >= 8))) {
      // OpenSSH 9.8+ penalises sources that fail; every test client comes from 127.0.0.1.
      c.append("PerSourcePenalties no\n");
    }
    return c.toString();
  }

  private static synchronized Integer[] sshdVersion() {
    if (sshdVersion == null) {
      try {
        Process p = new ProcessBuilder(SSHD.toString(), "-V").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("OpenSSH_(\\d+)\\.(\\d+)").matcher(out);
        sshdVersion = m.find()
            ? new Integer[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))}
            : new Integer[] {0, 0};
      } catch (IOException e) {
        sshdVersion = new Integer[] {0, 0};
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return sshdVersion;
  }

  private Path writeKnownHosts(String prefix, List<String> addresses, String keyLine) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String a : addresses) {
      sb.append('[').append(checkAddress(a)).append("]:").append(port).append(' ').append(keyLine).append('\n');
    }
    Path file = workDir.resolve(prefix + "-" + fileCounter.incrementAndGet());
    Files.writeString(file, sb.toString());
    Files.setPosixFilePermissions(file, FILE_644);
    return file;
  }

  private void writeHostFile(Path hostDir, String relative, String content) {
    Path file = resolveInside(hostDir, relative);
    try {
      Path parent = file.getParent();
      List<Path> created = new ArrayList<>();
      for (Path d = parent; !d.equals(hostDir) && !Files.isDirectory(d); d = d.getParent()) {
        created.add(0, d);
      }
      for (Path d : created) {
        Files.createDirectory(d);
        Files.setOwner(d, testUser);
        Files.setPosixFilePermissions(d, DIR_755);
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
      Files.setOwner(file, testUser);
      Files.setPosixFilePermissions(file, FILE_644);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resolveInside(Path dir, String relative) {
    Path file = dir.resolve(relative).normalize();
    if (Path.of(relative).isAbsolute() || !file.startsWith(dir) || file.equals(dir)) {
      throw new IllegalArgumentException("not a path inside the host dir: " + relative);
    }
    return file;
  }

  private Set<ProcessHandle> processesWithOurEnvironment() {
    byte[] marker = ("SUTURE_FAKE_ROOT=" + hostsRoot + "\0").getBytes(StandardCharsets.UTF_8);
    Set<ProcessHandle> found = new LinkedHashSet<>();
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"))) {
      for (Path entry : proc) {
        String name = entry.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(name);
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid == self) {
          continue;
        }
        byte[] env;
        try {
          env = Files.readAllBytes(entry.resolve("environ"));
        } catch (IOException | SecurityException gone) {
          continue;
        }
        if (contains(env, marker)) {
          ProcessHandle.of(pid).ifPresent(found::add);
        }
      }
    } catch (IOException ignored) {
      // best effort
    }
    return found;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (i > 0 && haystack[i - 1] != 0) {
        continue;
      }
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String checkAddress(String address) {
    if (address == null || !IPV4.matcher(address).matches()) {
      throw new IllegalArgumentException("not an IPv4 address: " + address);
    }
    return address;
  }

  private static void checkName(String pkg) {
    if (pkg.isEmpty() || pkg.contains("/") || pkg.equals(".") || pkg.equals("..") || pkg.startsWith("-")) {
      throw new IllegalArgumentException("bad package name: " + pkg);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path pub(Path key) {
    return key.resolveSibling(key.getFileName() + ".pub");
  }

  /** "type base64" of an OpenSSH public key file, without its comment. */
  private static String publicKeyLine(Path pubFile) throws IOException {
    String[] parts = Files.readString(pubFile).strip().split("\\s+");
    if (parts.length < 2) {
      throw new IOException("unexpected public key file " + pubFile);
    }
    return parts[0] + " " + parts[1];
  }

  private static String keygenCommand() {
    for (String candidate : List.of("/usr/bin/ssh-keygen", "/bin/ssh-keygen", "/usr/local/bin/ssh-keygen")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ssh-keygen"))) {
          return Path.of(dir, "ssh-keygen").toString();
        }
      }
    }
    return null;
  }

  private static Process keygen(String type, Path file, String comment) throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(pub(file));
    List<String> argv = new ArrayList<>(List.of(keygenCommand(), "-q", "-t", type));
    if (type.equals("rsa")) {
      argv.addAll(List.of("-b", "3072", "-m", "PEM"));
    }
    argv.addAll(List.of("-N", "", "-C", comment, "-f", file.toString()));
    return new ProcessBuilder(argv)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectErrorStream(true)
        .start();
  }

  private static void awaitOk(Process p, String what) throws IOException, InterruptedException {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(what + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new IOException(what + " failed with status " + p.exitValue() + ": " + out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("0.0.0.0", 0));
      return s.getLocalPort();
    }
  }

  /** Gives "others" search permission on the work dir and every ancestor that lacks it. */
  private static void makeTraversable(Path dir) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    perms.addAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
    Files.setPosixFilePermissions(dir, perms);
    for (Path d = dir.getParent(); d != null; d = d.getParent()) {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(d);
      if (!p.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        p.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(d, p);
      }
    }
  }

  private static boolean userExists() {
    return passwdEntry().isPresent();
  }

  private static Optional<String[]> passwdEntry() {
    return fileEntry(Path.of("/etc/passwd"));
  }

  private static Optional<String[]> fileEntry(Path file) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(USER + ":")) {
          return Optional.of(line.split(":", -1));
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return Optional.empty();
  }

  /** Creates {@value #USER} once (idempotent, tolerates concurrent JVMs doing the same). */
  private static UserPrincipal ensureTestUser() throws IOException, InterruptedException {
    synchronized (USER_LOCK) {
      if (!userReady) {
        if (passwdEntry().isEmpty()) {
          int rc = run(List.of("useradd", "-M", "-d", "/", "-s", "/bin/sh", "-c", "Suture SSH tests", USER));
          if (rc != 0 && passwdEntry().isEmpty()) {
            throw new IOException("useradd " + USER + " failed with status " + rc);
          }
        }
        String[] pw = passwdEntry().orElseThrow(() -> new IOException("user " + USER + " vanished"));
        if (pw.length < 7 || !"/bin/sh".equals(pw[6])) {
          retry(List.of("usermod", "-s", "/bin/sh", USER));
        }
        Optional<String[]> shadow = fileEntry(Path.of("/etc/shadow"));
        if (shadow.isEmpty() || shadow.get().length < 2 || shadow.get()[1].startsWith("!")) {
          // '*' = no password but not locked: sshd refuses locked accounts even for keys.
          retry(List.of("usermod", "-p", "*", USER));
        }
        userReady = true;
      }
    }
    return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
  }

  private static void retry(List<String> argv) throws IOException, InterruptedException {
    int rc = -1;
    for (int i = 0; i < 20; i++) {
      rc = run(argv);
      if (rc == 0) {
        return;
      }
      Thread.sleep(100); // e.g. another JVM holds /etc/passwd.lock
    }
    throw new IOException(String.join(" ", argv) + " failed with status " + rc);
  }

  private static int run(List<String> argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectErrorStream(true)
        .start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
