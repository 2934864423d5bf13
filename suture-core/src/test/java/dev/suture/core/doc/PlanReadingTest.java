package dev.suture.core.doc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.plan.ExecutorSpec;
import dev.suture.core.plan.FailurePolicy;
import dev.suture.core.plan.Plan;
import dev.suture.core.plan.Quantity;
import dev.suture.core.plan.SnapshotSpec;
import dev.suture.core.plan.StageSpec;
import dev.suture.core.plan.TargetSelector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A valid plan becomes exactly the Plan value it describes, defaults included. */
class PlanReadingTest {

  /** The sketch from DESIGN §4, with the check types and executor this build has. */
  static final String PLAN = """
      apiVersion: suture.dev/v1
      kind: Plan
      metadata: {name: openssl-security}
      spec:
        targets: {selector: "env=production,role=web"}
        executor:
          type: command
          apply:   ["sudo", "apt-get", "install", "-y", "--only-upgrade", "openssl={{patch.version}}"]
          version: ["dpkg-query", "-W", "-f=${Version}", "openssl"]
          timeout: 5m
          options: {user: deploy}
        snapshot: {type: command, create: [snap, create, "{{target.name}}"], restore: [snap, restore, "{{target.name}}"]}
        checks:
          - {name: health, http: {url: "http://{{target.address}}:8080/health", expectStatus: 204, bodyRegex: "ok|up"}}
          - {name: disk, command: {argv: [test, -w, /var], timeout: 3s}}
        stages:
          - notify:   {before: 30m, message: heads up, webhook: "https://chat.example/hook"}
          - snapshot: {}
          - canary:   {count: 1, bake: 5m}
          - wave:     {percent: 25, maxConcurrency: 10, maxErrors: 1, observe: 15m}
          - wave:     {percent: 100, maxConcurrency: 20, maxErrors: "5%"}
          - verify:   {checks: [health]}
        onFailure: {rollback: manual, incident: P2}
      """;

  private static final DocumentParser PARSER = new DocumentParser(Set.of("command", "ssh"));

  private static Plan plan(String yaml) {
    return PARSER.parse("plan.yaml", yaml).get(0).as(Plan.class);
  }

  @Test
  void readsTheDesignSketchIntoTheExactPlan() {
    var snapshotArgv = List.of("snap", "create", "{{target.name}}");
    Plan expected = new Plan("openssl-security",
        TargetSelector.parse("env=production,role=web"),
        new ExecutorSpec("command",
            List.of("sudo", "apt-get", "install", "-y", "--only-upgrade", "openssl={{patch.version}}"),
            List.of("dpkg-query", "-W", "-f=${Version}", "openssl"), List.of(), Duration.ofMinutes(5), Map.of("user", "deploy")),
        Optional.of(new SnapshotSpec("command", snapshotArgv, List.of("snap", "restore", "{{target.name}}"), null)),
        List.of(
            new CheckSpec("health", new CheckSpec.Http("http://{{target.address}}:8080/health", 204, Optional.of("ok|up"),
                Duration.ofSeconds(10))),
            new CheckSpec("disk", new CheckSpec.Command(List.of("test", "-w", "/var"), Duration.ofSeconds(3)))),
        List.of(
            new StageSpec.Notify(Optional.of("https://chat.example/hook"), Optional.empty(), "heads up", Duration.ofMinutes(30)),
            new StageSpec.Snapshot(),
            new StageSpec.Canary(new Quantity(1, false), Duration.ofMinutes(5), null, new Quantity(1, false), List.of()),
            new StageSpec.Wave(25, new Quantity(10, false), new Quantity(1, false), Duration.ofMinutes(15), null, List.of()),
            new StageSpec.Wave(100, new Quantity(20, false), new Quantity(5, true), Duration.ZERO, null, List.of()),
            new StageSpec.Verify(List.of("health"))),
        new FailurePolicy(FailurePolicy.RollbackMode.MANUAL, "P2"));

    assertThat(plan(PLAN)).isEqualTo(expected);
  }

  @Test
  void fillsDefaultsForOmittedOptionalFields() {
    Plan p = plan("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: minimal}
        spec:
          targets: {selector: "env=staging"}
          executor: {type: ssh, apply: [true]}
          stages:
            - wave: {percent: 100}
        """);

    assertThat(p.executor().timeout()).isEqualTo(ExecutorSpec.DEFAULT_TIMEOUT);
    assertThat(p.executor().version()).isEmpty();
    assertThat(p.snapshot()).isEmpty();
    assertThat(p.checks()).isEmpty();
    assertThat(p.onFailure()).isEqualTo(FailurePolicy.DEFAULT);
    assertThat(p.stages()).containsExactly(new StageSpec.Wave(100, new Quantity(10, false), new Quantity(0, false),
        Duration.ZERO, null, List.of()));
  }

  @Test
  void readsEveryStageType() {
    Plan p = plan("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: all-stages}
        spec:
          targets: {selector: "env=staging"}
          executor: {type: command, apply: [true]}
          checks:
            - {name: up, command: {argv: [true]}}
          stages:
            - notify:
            - precheck: {checks: [up]}
            - approval: {message: "go?"}
            - canary: {count: "10%", maxConcurrency: 2, interval: 10s, checks: [up]}
            - wave: {percent: 100, interval: 30s}
            - bake: {duration: 1h30m}
            - verify: {}
        """);

    assertThat(p.stages()).extracting(StageSpec::type)
        .containsExactly("notify", "precheck", "approval", "canary", "wave", "bake", "verify");
    assertThat(p.stages().get(3)).isEqualTo(new StageSpec.Canary(new Quantity(10, true), Duration.ZERO,
        Duration.ofSeconds(10), new Quantity(2, false), List.of("up")));
    assertThat(p.stages().get(5)).isEqualTo(new StageSpec.Bake(Duration.ofMinutes(90), null, List.of()));
    assertThat(p.checksFor(List.of())).extracting(CheckSpec::name).containsExactly("up");
  }
}
