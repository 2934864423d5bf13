package dev.suture.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3 durability, for real: a server running a rollout with a slow apply command is killed
 * with SIGKILL mid-wave and started again on the same data; the rollout completes and every
 * target was applied exactly once. The apply command counts its own invocations.
 */
abstract class CrashRecoveryContract {
  @TempDir Path tmp;

  abstract List<String> databaseArgs();

  @Test void rolloutSurvivesSigkillMidWaveAndAppliesEachTargetExactlyOnce() throws Exception {
    int hosts = 6;
    // Staging: the first environment of the promotion order needs no change request (this test is about crash recovery, not admission).
    StringBuilder docs = new StringBuilder();
    for (int i = 1; i <= hosts; i++) {
      Path dir = Files.createDirectories(tmp.resolve("host" + i));
      Files.writeString(dir.resolve("version"), "1.0");
      docs.append("---\napiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: host").append(i)
          .append(", labels: {dir: \"").append(dir).append("\"}}\nspec: {environment: staging}\n");
    }
    docs.append("""
        ---
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: p2}
        spec: {kind: security, priority: high, version: "2.0"}
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: slow}
        spec:
          targets: {selector: "environment=staging"}
          executor:
            type: command
            # Counts each invocation first, then takes its time, then changes the version.
            apply: ["sh", "-c", "echo run >> \\"$2/count\\"; sleep 2; printf %s \\"$1\\" > \\"$2/version\\"", "apply", "{{patch.version}}", "{{target.labels.dir}}"]
            version: ["cat", "{{target.labels.dir}}/version"]
            timeout: 60s
          stages:
            - wave: {percent: 100, maxConcurrency: 2}
        """);
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path log = tmp.resolve("server.log");
    String id;
    try (ServerProcess first = new ServerProcess(data, log, databaseArgs()).start()) {
      assertThat(first.post("/api/v1/documents?source=crash.yaml", "application/yaml", docs.toString()).statusCode()).isEqualTo(200);
      var created = first.post("/api/v1/rollouts", "application/json", "{\"plan\":\"slow\",\"patch\":\"p2\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      id = (String) dev.suture.core.json.Json.readObject(created.body()).get("id");
      // Kill once the first pair is done and the second pair is in flight.
      awaitTargets(first, id, t -> count(t, "HEALTHY") >= 2 && count(t, "APPLYING") >= 1, 60);
      first.kill();
    }
    try (ServerProcess second = new ServerProcess(data, log, databaseArgs())) {
      // Same port is not needed: the rollout lives in the database, not in the process.
      second.start();
      Map<String, Object> end = awaitTargets(second, id, t -> false, 90);
      assertThat(end.get("state")).as("rollout state; see " + log).isEqualTo("SUCCEEDED");
      // The kill caught at least one target mid-apply, and the restarted node reconciled it by probing.
      assertThat(Files.readString(log)).contains("reconcile:");
    }
    for (int i = 1; i <= hosts; i++) {
      Path dir = tmp.resolve("host" + i);
      assertThat(Files.readString(dir.resolve("version"))).as("host%d version", i).isEqualTo("2.0");
      assertThat(Files.readAllLines(dir.resolve("count"))).as("host%d apply invocations", i).hasSize(1);
    }
  }

  @SuppressWarnings("unchecked")
  private static long count(List<Object> targets, String state) {
    return targets.stream().filter(t -> state.equals(((Map<String, Object>) t).get("state"))).count();
  }

  /** Polls the rollout until {@code until} holds for its targets or it reaches a terminal state. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitTargets(ServerProcess s, String id, java.util.function.Predicate<List<Object>> until,
                                                  int seconds) throws Exception {
    long end = System.currentTimeMillis() + seconds * 1000L;
    Map<String, Object> r = Map.of();
    while (System.currentTimeMillis() < end) {
      r = s.getJson("/api/v1/rollouts/" + id);
      String state = (String) r.get("state");
      if (until.test((List<Object>) r.get("targets"))) return r;
      if (List.of("SUCCEEDED", "ROLLED_BACK", "ROLLBACK_FAILED", "ABORTED", "HALTED").contains(state)) return r;
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for rollout " + id + ": " + r.get("state") + " " + r.get("counts"));
  }
}
