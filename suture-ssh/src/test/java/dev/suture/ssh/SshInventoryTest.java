package dev.suture.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.suture.core.inventory.CollectionResult;
import dev.suture.core.inventory.DpkgQueryParser;
import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventoryCollector;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.OsRelease;
import dev.suture.core.inventory.PackageSet;
import dev.suture.core.model.Asset;
import dev.suture.core.vuln.AdvisoryIndex;
import dev.suture.core.vuln.FleetMatcher;
import dev.suture.core.vuln.OsvRecord;
import dev.suture.ssh.testing.Sshd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agentless inventory end to end: this machine's real dpkg database, collected over SSH from a real
 * sshd on loopback (several loopback addresses stand for several hosts, all this machine), then
 * matched with {@link FleetMatcher} against a three-record OSV feed written relative to the bash
 * version installed here, so the test holds on any Debian 12 machine.
 */
class SshInventoryTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final List<String> FEED = List.of("SUTURE-TEST-AFFECTED", "SUTURE-TEST-FIXED", "SUTURE-TEST-DEBIAN11");
  private static Path work;
  private static Sshd sshd;
  private static SshFleet fleet;

  private SshExecutor ssh;
  private final ExecutorService blocking = Executors.newSingleThreadExecutor();
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startSshd() throws Exception {
    Sshd.assumeAvailable();
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-query")), "no dpkg-query on this machine");
    OsRelease os = OsRelease.parse(Files.readString(Path.of("/etc/os-release")));
    assumeTrue(os.osvEcosystem().orElse("").equals("Debian:12"), "this machine is not Debian 12: " + os.prettyName());
    work = Files.createTempDirectory("suture-ssh-inventory");
    sshd = Sshd.start(work);
    fleet = new SshFleet(sshd, 8);
  }

  @AfterAll
  static void stopSshd() {
    if (sshd != null) sshd.close();
  }

  @BeforeEach
  void executor() {
    ssh = new SshExecutor(fleet.credentials, fleet.knownHosts, (host, port, fp, file) -> {});
  }

  @AfterEach
  void close() {
    ssh.close();
    blocking.shutdownNow();
  }

  private InventoryCollector collector(int maxInFlight) {
    return new InventoryCollector(ssh, blocking, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60), maxInFlight);
  }

  @Test
  void collectsTheRealDpkgInventoryOverSshAndMatchesItAgainstAFixtureFeed() throws Exception {
    List<Asset> assets = new ArrayList<>();
    for (int i = 1; i <= 4; i++) assets.add(SshFleet.asset("db-" + i, Sshd.address(i)));

    List<CollectionResult> results = collector(2).collectAllAndWait(assets, fleet.options(),
        (done, total, r) -> progress.add(done + "/" + total + " " + r.asset()));

    assertThat(results).allSatisfy(r -> assertThat(r.failure()).isEmpty());
    assertThat(progress).hasSize(4);
    for (int i = 0; i < 4; i++) assertThat(progress.get(i)).startsWith((i + 1) + "/4 db-");
    assertThat(progress).extracting(p -> p.substring(4)).containsExactlyInAnyOrder("db-1", "db-2", "db-3", "db-4");
    // What dpkg-query prints here without SSH or a shell: the collection lost and added nothing.
    List<InstalledPackage> direct = new DpkgQueryParser().parse(local("/usr/bin/dpkg-query", "-W",
        "-f=${binary:Package}\t${source:Package}\t${Version}\t${source:Version}\t${Architecture}\t${db:Status-Abbrev}\n")).rows();
    for (CollectionResult r : results) {
      InventorySnapshot s = r.snapshot().orElseThrow();
      assertThat(s.source()).isEqualTo("ssh:dpkg");
      assertThat(s.osName()).startsWith("Debian GNU/Linux 12");
      assertThat(s.collectedAt()).isEqualTo(NOW);
      assertThat(s.problems()).isEmpty();
      assertThat(s.packageSets()).extracting(PackageSet::ecosystem).containsExactly("Debian:12");
      assertThat(s.packageSets().get(0).packages()).isEqualTo(direct);
    }

    String[] bash = local("/usr/bin/dpkg-query", "-W", "-f=${Version}\t${source:Package}\t${source:Version}", "bash").split("\t");
    assertThat(results.get(0).snapshot().orElseThrow().packageSets().get(0).packages())
        .filteredOn(p -> p.name().equals("bash")).singleElement()
        .satisfies(p -> assertThat(List.of(p.version(), p.sourceName(), p.sourceVersion())).containsExactly(bash));

    String installed = bash[2];
    String newer = installed + "+suture1";
    AdvisoryIndex index = new AdvisoryIndex();
    for (String id : FEED) index.add(OsvRecord.parse(fixture(id).replace("{{installed}}", installed).replace("{{newer}}", newer)));
    List<FleetMatcher.Host> hosts = results.stream().map(r -> r.snapshot().orElseThrow())
        .map(s -> new FleetMatcher.Host(s.asset(), s.packageSets().get(0).ecosystem(), s.packageSets().get(0).packages()))
        .toList();

    Map<String, List<FleetMatcher.Finding>> findings = new FleetMatcher(index, hosts).matchAll();

    assertThat(findings.keySet()).containsExactlyInAnyOrder("db-1", "db-2", "db-3", "db-4");
    for (List<FleetMatcher.Finding> onHost : findings.values()) {
      assertThat(onHost).extracting(FleetMatcher.Finding::advisoryId).containsOnly("SUTURE-TEST-AFFECTED");
      assertThat(onHost).allSatisfy(f -> {
        assertThat(f.installed().sourceName()).isEqualTo("bash");
        assertThat(f.fixed()).contains(newer);
      });
      assertThat(onHost).extracting(FleetMatcher.Finding::packageName).contains("bash");
    }
  }

  @Test
  void anUnreachableHostIsAFailureThatNamesItAndTheOthersAreStillCollected() throws Exception {
    List<Asset> assets = List.of(SshFleet.asset("up", Sshd.address(5)), SshFleet.asset("down", Sshd.address(6) + ":1"),
        SshFleet.asset("no-address", ""));

    List<CollectionResult> results = collector(16).collectAllAndWait(assets, fleet.options(), null);

    assertThat(results.get(0).ok()).as(results.get(0).failure().orElse("")).isTrue();
    assertThat(results.get(1).failure()).hasValueSatisfying(f -> assertThat(f)
        .startsWith("down: reading os-release: ssh suture-test@" + Sshd.address(6) + ":1: cannot connect"));
    assertThat(results.get(2).failure()).contains("no-address: reading os-release: asset no-address has no address to connect to");
  }

  @Test
  void theCommandTimeoutReachesTheSshExecutor() throws Exception {
    // 1 ms cannot be met even on loopback, so the ssh executor's deadline must end the command. Its
    // wording depends on when the deadline fires: "timed out after" once the channel is open, "cannot
    // start the command: Closed" when it fires while the channel is still opening (RemoteExec closes
    // the channel, which fails the open first).
    var collector = new InventoryCollector(ssh, blocking, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(1), 1);
    long t0 = System.nanoTime();
    CollectionResult r = collector.collect(SshFleet.asset("slow", Sshd.address(7)), fleet.options()).get(60, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("slow: reading os-release: ")
        .containsAnyOf("timed out after", "cannot start the command: Closed"));
  }

  private static String fixture(String id) throws IOException {
    try (InputStream in = SshInventoryTest.class.getResourceAsStream("/osv-fixture/" + id + ".json")) {
      if (in == null) throw new IOException("missing test resource osv-fixture/" + id + ".json");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String local(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
