package dev.suture.ssh.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the real-sshd fixture with the system OpenSSH client as a black box. */
class SshdFixtureTest {
  @TempDir static Path workDir;
  static Sshd sshd;
  static Path knownHosts;

  @BeforeAll
  static void start() throws Exception {
    Sshd.assumeAvailable();
    sshd = Sshd.start(workDir);
    knownHosts = sshd.knownHosts(Sshd.addresses(400));
  }

  @AfterAll
  static void stop() {
    if (sshd != null) {
      sshd.close();
    }
  }

  record Result(int exit, String out, String err) {}

  static Result ssh(Path key, Path knownHostsFile, String address, String... remoteArgv) throws Exception {
    return run(sshd.sshArgv(key, knownHostsFile, address, List.of(remoteArgv)));
  }

  static Result run(List<String> argv) throws Exception {
    Process p = new ProcessBuilder(argv)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    String out = readAll(p.getInputStream());
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("ssh timed out: " + argv);
    }
    return new Result(p.exitValue(), out, err.get(5, TimeUnit.SECONDS));
  }

  static String readAll(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String fakepkg() {
    return sshd.fakepkg().toString();
  }

  @Test
  void addressesAreLoopbackHostsWithoutNetworkOrBroadcastOctets() {
    assertThat(Sshd.address(0)).isEqualTo("127.0.1.1");
    assertThat(Sshd.address(1)).isEqualTo("127.0.1.2");
    assertThat(Sshd.address(249)).isEqualTo("127.0.1.250");
    assertThat(Sshd.address(250)).isEqualTo("127.0.2.1");
    assertThat(Sshd.address(999)).isEqualTo("127.0.4.250");
    assertThat(Sshd.addresses(1000)).doesNotHaveDuplicates();
  }

  @Test
  void differentAddressesReachDifferentHostDirs() throws Exception {
    String a = "127.0.1.2";
    String b = "127.0.1.3";
    sshd.seedHost(a, "openssl", "3.0.11", Map.of("etc/app.conf", "a=1\n"));
    sshd.seedHost(b, "openssl", "1.1.1w", Map.of());

    Result dirA = ssh(sshd.ed25519Key(), knownHosts, a, fakepkg(), "hostdir");
    Result dirB = ssh(sshd.ed25519Key(), knownHosts, b, fakepkg(), "hostdir");
    assertThat(dirA.exit()).as(dirA.err()).isZero();
    assertThat(dirA.out().strip()).isEqualTo(sshd.hostDir(a).toString());
    assertThat(dirB.out().strip()).isEqualTo(sshd.hostDir(b).toString());

    assertThat(ssh(sshd.ed25519Key(), knownHosts, a, fakepkg(), "version", "openssl").out()).isEqualTo("3.0.11\n");
    assertThat(ssh(sshd.ed25519Key(), knownHosts, b, fakepkg(), "version", "openssl").out()).isEqualTo("1.1.1w\n");
  }

  @Test
  void installAndVersionRoundTrip() throws Exception {
    String host = "127.0.1.10";
    Path key = sshd.ed25519Key();
    assertThat(ssh(key, knownHosts, host, fakepkg(), "version", "openssl")).isEqualTo(new Result(0, "1.0\n", ""));
    assertThat(sshd.rebootRequired(host)).isFalse();

    Result install = ssh(key, knownHosts, host, fakepkg(), "install", "openssl", "3.0.15-1~deb12u1");
    assertThat(install.exit()).as(install.err()).isZero();
    assertThat(ssh(key, knownHosts, host, fakepkg(), "version", "openssl").out()).isEqualTo("3.0.15-1~deb12u1\n");
    assertThat(sshd.installedVersion(host, "openssl")).isEqualTo("3.0.15-1~deb12u1");
    assertThat(sshd.readHostFile(host, "etc/app.conf")).contains("patched to 3.0.15-1~deb12u1\n");
    assertThat(ssh(key, knownHosts, host, fakepkg(), "reboot-required").exit()).isZero();
    assertThat(sshd.rebootRequired(host)).isTrue();
    assertThat(ssh(key, knownHosts, host, fakepkg(), "health")).isEqualTo(new Result(0, "ok\n", ""));

    sshd.setUnhealthy(host, true);
    assertThat(ssh(key, knownHosts, host, fakepkg(), "health")).isEqualTo(new Result(1, "unhealthy\n", ""));

    sshd.setBehaviour(host, "fail");
    Result failed = ssh(key, knownHosts, host, fakepkg(), "install", "openssl", "3.0.16");
    assertThat(failed.exit()).isEqualTo(100);
    assertThat(failed.err()).contains("E: simulated failure");

    sshd.setBehaviour(host, "wrong-version");
    assertThat(ssh(key, knownHosts, host, fakepkg(), "install", "openssl", "3.0.16").exit()).isZero();
    assertThat(sshd.installedVersion(host, "openssl")).isEqualTo("3.0.15-1~deb12u1");
  }

  @Test
  void rsaKeyAlsoLogsIn() throws Exception {
    assertThat(Files.readString(sshd.rsaKey())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    Result r = ssh(sshd.rsaKey(), knownHosts, "127.0.1.20", fakepkg(), "health");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("ok\n");
  }

  @Test
  void wrongKnownHostsIsRefusedByTheClient() throws Exception {
    String host = "127.0.1.30";
    Path wrong = sshd.wrongKnownHosts(List.of(host));
    assertThat(Files.readString(wrong)).startsWith("[" + host + "]:" + sshd.port() + " ssh-ed25519 ")
        .doesNotContain(sshd.hostKeyLine());
    Result r = ssh(sshd.ed25519Key(), wrong, host, fakepkg(), "install", "openssl", "9.9");
    assertThat(r.exit()).isEqualTo(255);
    assertThat(r.err()).contains("Host key verification failed");
    assertThat(sshd.installedVersion(host, "openssl")).isEqualTo("1.0");
  }

  @Test
  void hostileArgumentsArriveLiterally() throws Exception {
    Path marker = sshd.hostsRoot().resolve("pwned");
    List<String> args = List.of(
        "$(touch " + marker + ")", "`touch " + marker + "`", "a; touch " + marker, "it's \"quoted\"",
        "two  spaces", "line1\nline2", "", "*", "$HOME", "\\");
    List<String> argv = new ArrayList<>();
    argv.add(sshd.echoArgs().toString());
    argv.addAll(args);
    Result r = ssh(sshd.ed25519Key(), knownHosts, "127.0.1.40", argv.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    StringBuilder expected = new StringBuilder();
    for (String a : args) {
      expected.append('<').append(a).append(">\n");
    }
    expected.append("n=").append(args.size()).append('\n');
    assertThat(r.out()).isEqualTo(expected.toString());
    assertThat(marker).doesNotExist();
  }

  @Test
  void fiftyParallelConnectionsToFiftyAddresses() throws Exception {
    List<String> hosts = Sshd.addresses(300).subList(250, 300); // 127.0.2.1 .. 127.0.2.50
    ExecutorService pool = Executors.newFixedThreadPool(hosts.size());
    try {
      List<Future<Result>> results = new ArrayList<>();
      for (String h : hosts) {
        results.add(pool.submit(() -> ssh(sshd.ed25519Key(), knownHosts, h, fakepkg(), "hostdir")));
      }
      for (int i = 0; i < hosts.size(); i++) {
        Result r = results.get(i).get(30, TimeUnit.SECONDS);
        assertThat(r.exit()).as("%s: %s", hosts.get(i), r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(sshd.hostsRoot().resolve(hosts.get(i)).toString());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tcpForwardingThroughTheServerReachesItselfOnAnotherAddress() throws Exception {
    // What a jump host does: direct-tcpip from 127.0.1.60 to 127.0.1.61:port. The first bytes
    // relayed back are the target sshd's version banner.
    List<String> argv = sshd.sshOptions(sshd.ed25519Key(), knownHosts);
    argv.addAll(List.of("-W", "127.0.1.61:" + sshd.port(), sshd.user() + "@127.0.1.60"));
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      CompletableFuture<String> banner = CompletableFuture.supplyAsync(() -> {
        try {
          return new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      assertThat(banner.get(15, TimeUnit.SECONDS)).startsWith("SSH-2.0-OpenSSH");
    } finally {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void closeKillsHangingRemoteCommands(@TempDir Path otherDir) throws Exception {
    Sshd other = Sshd.start(otherDir);
    long pid;
    Process client;
    try {
      String host = "127.0.1.50";
      other.setBehaviour(host, "hang");
      Path kh = other.knownHosts(List.of(host));
      client = new ProcessBuilder(other.sshArgv(other.ed25519Key(), kh, host,
              List.of(other.fakepkg().toString(), "install", "openssl", "3.1")))
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (other.hangPid(host).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      pid = other.hangPid(host).orElseThrow();
      // The pid is written just before the script execs sleep under the same pid.
      Path cmdline = Path.of("/proc/" + pid + "/cmdline");
      while (!Files.readString(cmdline).startsWith("sleep\0") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.readString(cmdline)).startsWith("sleep\0");
      assertThat(Sshd.isAlive(pid)).isTrue();
    } finally {
      other.close();
    }
    assertThat(Sshd.isAlive(pid)).as("remote sleep %d after close", pid).isFalse();
    assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }
}
