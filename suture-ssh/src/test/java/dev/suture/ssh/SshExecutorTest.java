package dev.suture.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.port.ActionResult;
import dev.suture.core.port.Credential;
import dev.suture.ssh.testing.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH-specific behaviour of the executor against a real sshd with many loopback "hosts". */
class SshExecutorTest {
  private static final Duration T = Duration.ofSeconds(20);
  private static Path work;
  private static Sshd sshd;
  private static SshFleet fleet;

  private final List<String> accepted = new CopyOnWriteArrayList<>();
  private SshExecutor ssh;

  @TempDir Path tmp;

  @BeforeAll
  static void startSshd() throws Exception {
    Sshd.assumeAvailable();
    work = Files.createTempDirectory("suture-ssh-exec");
    sshd = Sshd.start(work);
    fleet = new SshFleet(sshd, 300);
  }

  @AfterAll
  static void stopSshd() {
    if (sshd != null) sshd.close();
  }

  @BeforeEach
  void executor() {
    ssh = new SshExecutor(fleet.credentials, fleet.knownHosts, (host, port, fp, file) -> accepted.add(host + ":" + port + " " + fp));
  }

  @AfterEach
  void close() {
    ssh.close();
  }

  @Test
  void eachAddressIsItsOwnHostAndVersionsRoundTrip() throws Exception {
    String a = Sshd.address(1), b = Sshd.address(2);
    sshd.seedHost(a, "openssl", "3.0.11", Map.of());
    assertThat(run(a, sshd.fakepkg().toString(), "version", "openssl").output().strip()).isEqualTo("3.0.11");
    assertThat(run(b, sshd.fakepkg().toString(), "version", "openssl").output().strip()).isEqualTo("1.0");
    assertThat(run(a, sshd.fakepkg().toString(), "install", "openssl", "3.0.13").ok()).isTrue();
    assertThat(sshd.installedVersion(a, "openssl")).isEqualTo("3.0.13");
    assertThat(sshd.installedVersion(b, "openssl")).isEqualTo("1.0");
  }

  @Test
  void hostileArgumentsArriveAsOneLiteralArgumentEach() throws Exception {
    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    List<String> hostile = List.of("$(touch " + tmp + "/subst)", "`touch " + tmp + "/tick`", "a; touch " + tmp + "/semi",
        "it's \"quoted\"", "two\nlines", "  spaced  ", "", "*", "$HOME", "\\");
    List<String> argv = new ArrayList<>();
    argv.add(sshd.echoArgs().toString());
    argv.addAll(hostile);
    ActionResult r = ssh.run(fleet.request(Sshd.address(3), T, argv.toArray(String[]::new)), ref -> {});
    assertThat(r.ok()).as(r.describe()).isTrue();
    StringBuilder expected = new StringBuilder();
    for (String h : hostile) expected.append('<').append(h).append(">\n");
    expected.append("n=").append(hostile.size()).append('\n');
    assertThat(r.output()).isEqualTo(expected.toString());
    try (var files = Files.list(tmp)) {
      assertThat(files).as("nothing may be executed from an argument").isEmpty();
    }
  }

  @Test
  void aHostileAddressIsRefusedBeforeAnythingConnects() throws Exception {
    ActionResult r = ssh.run(fleet.request("127.0.1.1;touch /tmp/x", T, "true"), ref -> {});
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).contains("address '127.0.1.1;touch /tmp/x'");
  }

  @Test
  void aTimedOutRemoteCommandIsKilledNotLeftRunning() throws Exception {
    String a = Sshd.address(4);
    sshd.setBehaviour(a, "hang");
    ActionResult r = run(a, Duration.ofSeconds(1), sshd.fakepkg().toString(), "install", "openssl", "3.0.13");
    assertThat(r.timedOut()).isTrue();
    long pid = sshd.hangPid(a).orElseThrow();
    assertThat(Sshd.isAlive(pid)).as("remote process %d must be gone once the timeout is reported", pid).isFalse();
  }

  @Test
  void aFailingCommandReportsItsExitCodeAndStderrButNotThePidMarker() throws Exception {
    String a = Sshd.address(5);
    sshd.setBehaviour(a, "fail");
    ActionResult r = run(a, sshd.fakepkg().toString(), "install", "openssl", "3.0.13");
    assertThat(r.exitCode()).isEqualTo(100);
    assertThat(r.output()).isEqualTo("E: simulated failure\n");
  }

  @Test
  void stdinIsClosedSoACommandReadingItDoesNotHang() throws Exception {
    ActionResult r = run(Sshd.address(6), Duration.ofSeconds(5), "cat");
    assertThat(r.timedOut()).isFalse();
    assertThat(r.ok()).isTrue();
  }

  @Test
  void oneSessionPerHostIsReusedAcrossActions() throws Exception {
    String a = Sshd.address(7);
    for (int i = 0; i < 5; i++) assertThat(run(a, "true").ok()).isTrue();
    run(Sshd.address(8), "true");
    assertThat(ssh.openSessions()).isEqualTo(2);
  }

  @Test
  void aChangedHostKeyIsRefusedWithAClearError() throws Exception {
    Path wrong = sshd.wrongKnownHosts(List.of(Sshd.address(9)));
    ActionResult r = ssh.run(fleet.request(Sshd.address(9), T, fleet.options(Map.of("knownHosts", wrong.toString(),
        "hostKeyPolicy", "accept-new")), "true"), ref -> {});
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).contains("HOST KEY MISMATCH for " + Sshd.address(9)).contains(wrong.toString());
    assertThat(accepted).isEmpty();
  }

  @Test
  void anUnknownHostIsRefusedUnderStrictAndRecordedUnderAcceptNew() throws Exception {
    Path empty = tmp.resolve("known_hosts");
    ActionResult strict = ssh.run(fleet.request(Sshd.address(10), T, fleet.options(Map.of("knownHosts", empty.toString())), "true"), ref -> {});
    assertThat(strict.ok()).isFalse();
    assertThat(strict.error()).contains("is not in known_hosts").contains("hostKeyPolicy: strict");
    assertThat(accepted).isEmpty();

    ActionResult tofu = ssh.run(fleet.request(Sshd.address(10), T, fleet.options(Map.of("knownHosts", empty.toString(),
        "hostKeyPolicy", "accept-new")), "true"), ref -> {});
    assertThat(tofu.ok()).as(tofu.describe()).isTrue();
    assertThat(accepted).singleElement().asString().startsWith(Sshd.address(10) + ":" + sshd.port() + " SHA256:");
    assertThat(Files.readString(empty)).contains("[" + Sshd.address(10) + "]:" + sshd.port());
  }

  @Test
  void anUnreachableHostFailsFastWithTheReason() throws Exception {
    ActionResult r = run(Sshd.address(11) + ":1", "true");
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).startsWith("ssh suture-test@" + Sshd.address(11) + ":1: cannot connect");
  }

  @Test
  void rsaKeysWorkAndAMissingCredentialIsNamed() throws Exception {
    ActionResult rsa = ssh.run(fleet.request(Sshd.address(12), T, fleet.options(Map.of("credentials", "test-rsa")), "true"), ref -> {});
    assertThat(rsa.ok()).as(rsa.describe()).isTrue();
    ActionResult missing = ssh.run(fleet.request(Sshd.address(12), T, fleet.options(Map.of("credentials", "nope")), "true"), ref -> {});
    assertThat(missing.error()).contains("no credential named 'nope'");
  }

  @Test
  void anUnknownOptionIsNamed() throws Exception {
    ActionResult r = ssh.run(fleet.request(Sshd.address(12), T, fleet.options(Map.of("hostkeypolicy", "x")), "true"), ref -> {});
    assertThat(r.error()).contains("executor.options.hostkeypolicy is not an ssh option");
  }

  @Test
  void reachesAHostThroughAJumpHost() throws Exception {
    String target = Sshd.address(13);
    ActionResult r = ssh.run(fleet.request(target, T, fleet.options(Map.of("jumpHost", sshd.user() + "@127.0.0.1:" + sshd.port())),
        sshd.fakepkg().toString(), "hostdir"), ref -> {});
    assertThat(r.ok()).as(r.describe()).isTrue();
    assertThat(r.output().strip()).isEqualTo(sshd.hostDir(target).toString());
  }

  @Test
  void aSecretNeverAppearsInResultsOrErrors() throws Exception {
    String key = Files.readString(sshd.ed25519Key());
    String body = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    fleet.credentials.put("broken", Credential.SSH_KEY, ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + body.substring(0, 20)
        + "\n-----END OPENSSH PRIVATE KEY-----\n").getBytes());
    ActionResult r = ssh.run(fleet.request(Sshd.address(14), T, fleet.options(Map.of("credentials", "broken")), "true"), ref -> {});
    assertThat(r.ok()).isFalse();
    assertThat(r.describe()).contains("credential 'broken'").doesNotContain(body.substring(0, 20));
  }

  /**
   * 250 hosts at once, each running a 2 s command: threads must not grow with the targets. The
   * connect timeout is generous because 250 handshakes (and sshd forks) share two cores here.
   */
  @Test
  void twoHundredFiftyTargetsInFlightHoldNoThreadEach() throws Exception {
    int before = Thread.activeCount();
    List<CompletableFuture<ActionResult>> all = new ArrayList<>();
    var unused = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < 250; i++)
        all.add(ssh.start(fleet.request(Sshd.address(20 + i), Duration.ofSeconds(90), fleet.options(Map.of("connectTimeout", "60s")),
            "sleep", "2"), ref -> {}, unused));
      Thread.sleep(1500);
      int during = Thread.activeCount();
      for (var f : all) assertThat(f.get().ok()).as(f.get().describe()).isTrue();
      assertThat(during - before).as("threads added while 250 commands were in flight").isLessThan(20);
    } finally {
      unused.shutdownNow();
    }
  }

  private ActionResult run(String address, String... argv) throws InterruptedException {
    return run(address, T, argv);
  }

  private ActionResult run(String address, Duration timeout, String... argv) throws InterruptedException {
    return ssh.run(fleet.request(address, timeout, argv), ref -> {});
  }
}
