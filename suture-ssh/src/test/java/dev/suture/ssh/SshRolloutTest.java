package dev.suture.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.command.CommandCheckRunner;
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
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.rollout.TargetState;
import dev.suture.ssh.testing.Sshd;
import dev.suture.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SOP end to end over SSH: a real sshd, the real engine on H2, real snapshots of files on
 * the "hosts". Includes an unreachable host, one whose apply fails, one that hangs, and a
 * rollback that must restore files byte for byte.
 */
class SshRolloutTest {
  private static final byte[] ORIGINAL_CONF = "# app.conf\nlisten=8080\n\u00e9t\u00e9 \u0000 binary \u00ff tail".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  private static Path work;
  private static Sshd sshd;
  private static SshFleet fleet;

  @TempDir Path tmp;
  private final DocumentParser parser = new DocumentParser(Set.of("ssh"));
  private Store store;
  private SshExecutor ssh;
  private RolloutEngine engine;

  @BeforeAll
  static void startSshd() throws Exception {
    Sshd.assumeAvailable();
    work = Files.createTempDirectory("suture-ssh-rollout");
    sshd = Sshd.start(work);
    fleet = new SshFleet(sshd, 40);
  }

  @AfterAll
  static void stopSshd() {
    if (sshd != null) sshd.close();
  }

  @BeforeEach
  void setUp() {
    store = Store.open(Store.h2FileUrl(tmp.resolve("db")), null, null, 8, Clock.systemUTC(), parser);
    ssh = new SshExecutor(fleet.credentials, fleet.knownHosts, HostKeyListener.NONE);
    engine = new RolloutEngine(store.rollouts(), store.audit(),
        new Adapters(List.of(ssh), List.of(new CommandCheckRunner()), Optional.empty()), Clock.systemUTC(),
        EngineConfig.defaults("node-ssh").withTick(Duration.ofMillis(20)));
    engine.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    ssh.close();
    store.close();
  }

  @Test
  void patchesTheFleetOverSshAndIsolatesTheBadHosts() throws Exception {
    int first = 0;
    List<String> addresses = hosts(first, 10);
    String unreachable = Sshd.address(first + 10) + ":1";
    String failing = addresses.get(3), hanging = addresses.get(6);
    sshd.setBehaviour(failing, "fail");
    sshd.setBehaviour(hanging, "hang");
    fleetDocs(addresses, unreachable);
    plan("""
        - snapshot: {}
        - canary: {count: 1}
        - wave: {percent: 25, maxErrors: 3}
        - wave: {percent: 100, maxErrors: 3}
        - verify: {checks: [health]}
        """, "manual");
    Rollout r = awaitEnd(start().id());

    Map<String, TargetRun> byAddress = targets(r.id());
    assertThat(r.state()).as(describe(r.id())).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(byAddress.get(unreachable).state()).isEqualTo(TargetState.FAILED);
    assertThat(byAddress.get(unreachable).error()).contains("cannot connect");
    assertThat(byAddress.get(failing).error()).contains("apply failed: exit 100").contains("E: simulated failure");
    assertThat(byAddress.get(hanging).error()).contains("apply failed: timed out");
    assertThat(Sshd.isAlive(sshd.hangPid(hanging).orElseThrow())).as("the hung apply was killed on the host").isFalse();
    for (String a : addresses) {
      if (a.equals(failing) || a.equals(hanging)) continue;
      assertThat(byAddress.get(a).state()).as(a).isEqualTo(TargetState.HEALTHY);
      assertThat(sshd.installedVersion(a, "openssl")).isEqualTo("3.0.13");
    }
    assertThat(sshd.installedVersion(failing, "openssl")).isEqualTo("3.0.11");
  }

  @Test
  void aFailedWaveRollsBackAndRestoresFilesByteForByte() throws Exception {
    List<String> addresses = hosts(20, 8);
    sshd.setBehaviour(addresses.get(5), "fail");
    fleetDocs(addresses, null);
    plan("""
        - snapshot: {}
        - canary: {count: 1}
        - wave: {percent: 100, maxErrors: 0}
        """, "automatic");
    Rollout r = awaitEnd(start().id());

    assertThat(r.state()).as(describe(r.id())).isEqualTo(RolloutState.ROLLED_BACK);
    Map<String, TargetRun> byAddress = targets(r.id());
    int restored = 0;
    for (String a : addresses) {
      TargetRun t = byAddress.get(a);
      if (t.state() == TargetState.ROLLED_BACK) restored++;
      assertThat(Files.readAllBytes(sshd.hostDir(a).resolve("etc/app.conf"))).as("app.conf on " + a).isEqualTo(ORIGINAL_CONF);
      assertThat(sshd.installedVersion(a, "openssl")).as("version on " + a).isEqualTo("3.0.11");
    }
    assertThat(restored).as(describe(r.id())).isGreaterThanOrEqualTo(2);
  }

  @Test
  void rebootsTargetsThatNeedItAndWaitsForANewBootBeforeVerifying() throws Exception {
    List<String> addresses = hosts(30, 4);
    fleetDocs(addresses, null);
    String pkg = sshd.fakepkg().toString();
    plan("""
        - canary: {count: 1}
        - wave: {percent: 100}
        """, "manual", """
        reboot: ifRequired
        rebootRequired: [PKG, reboot-required]
        rebootCommand: [PKG, reboot]
        bootId: [PKG, boot-id]
        reconnectTimeout: 30s
        """.replace("PKG", pkg));
    Rollout r = awaitEnd(start().id());
    assertThat(r.state()).as(describe(r.id())).isEqualTo(RolloutState.SUCCEEDED);
    for (String a : addresses) {
      assertThat(sshd.readHostFile(a, "reboots")).as("reboots on " + a).contains("rebooted\n");
      assertThat(sshd.rebootRequired(a)).isFalse();
    }
    assertThat(store.audit().forSubject("rollout/" + r.id()).stream().filter(e -> e.action().equals("target.rebooted")).count())
        .isEqualTo(addresses.size());
  }

  private static List<String> hosts(int first, int n) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = first; i < first + n; i++) {
      String a = Sshd.address(i);
      sshd.setBehaviour(a, "");
      sshd.seedHost(a, "openssl", "3.0.11", Map.of("etc/app.conf", "placeholder"));
      try {
        Files.write(sshd.hostDir(a).resolve("etc/app.conf"), ORIGINAL_CONF);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      out.add(a);
    }
    return out;
  }

  private void fleetDocs(List<String> addresses, String unreachable) {
    StringBuilder sb = new StringBuilder();
    List<String> all = new java.util.ArrayList<>(addresses);
    if (unreachable != null) all.add(unreachable);
    for (int i = 0; i < all.size(); i++)
      sb.append("---\napiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: host-").append(i)
          .append(", labels: {role: web}}\nspec: {environment: production, address: '").append(all.get(i)).append("'}\n");
    sb.append("---\napiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: openssl-3.0.13}\n"
        + "spec: {kind: security, priority: high, version: '3.0.13'}\n");
    store.documents().apply(parser.parse("fleet.yaml", sb.toString()), "tester");
  }

  private void plan(String stages, String rollback) { plan(stages, rollback, ""); }

  private void plan(String stages, String rollback, String executorExtra) {
    String pkg = sshd.fakepkg().toString();
    String root = sshd.hostsRoot().toString();
    String yaml = """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: sop}
        spec:
          targets: {selector: "environment=production"}
          executor:
            type: ssh
            apply: [PKG, install, openssl, "{{patch.version}}"]
            version: [PKG, version, openssl]
            timeout: 3s
            options: {user: USER, port: "PORT", credentials: test-ed25519, knownHosts: KNOWN}
        EXTRA
          snapshot:
            type: files
            paths: ["ROOT/{{target.address}}/etc/app.conf", "ROOT/{{target.address}}/pkg/openssl"]
            dir: ROOT/{{target.address}}/snapshots
          checks:
            - {name: health, command: {argv: [PKG, health]}}
          stages:
        """.replace("PKG", pkg).replace("USER", sshd.user()).replace("PORT", String.valueOf(sshd.port()))
        .replace("KNOWN", fleet.knownHosts.toString()).replace("ROOT", root)
        .replace("EXTRA\n", executorExtra.lines().map(l -> "    " + l + "\n").collect(Collectors.joining()))
        + stages.lines().map(l -> "    " + l + "\n").collect(Collectors.joining())
        + "  onFailure: {rollback: " + rollback + ", incident: P2}\n";
    store.documents().apply(parser.parse("plan.yaml", yaml), "tester");
  }

  private Rollout start() {
    List<Asset> assets = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
    Document plan = store.documents().find(DocumentKind.PLAN, "sop").orElseThrow();
    Document patch = store.documents().find(DocumentKind.PATCH, "openssl-3.0.13").orElseThrow();
    return engine.create(new RolloutRequest(plan, patch, assets, "tester"));
  }

  private Rollout awaitEnd(String id) throws InterruptedException {
    long end = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < end) {
      Rollout r = store.rollouts().find(id).orElseThrow();
      if (r.state().isTerminal() || (r.state() == RolloutState.HALTED && !engine.isDriving(id))) return r;
      Thread.sleep(50);
    }
    throw new AssertionError("rollout did not end: " + describe(id));
  }

  private Map<String, TargetRun> targets(String id) {
    return store.rollouts().targets(id).stream().collect(Collectors.toMap(t -> t.asset().address(), Function.identity()));
  }

  private String describe(String id) {
    Rollout r = store.rollouts().find(id).orElseThrow();
    return r.state() + " " + r.haltReason() + " " + store.rollouts().targets(id).stream()
        .map(t -> t.asset().address() + "=" + t.state() + (t.error() == null ? "" : "(" + t.error() + ")")).toList();
  }
}
