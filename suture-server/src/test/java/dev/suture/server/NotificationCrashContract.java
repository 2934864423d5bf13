package dev.suture.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.suture.core.json.Json;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the receiver gets every event exactly once even when the server is killed between
 * queuing and sending. The receiver is down while two rollouts run (rows stay PENDING, attempts
 * failing), the server is SIGKILLed, the receiver comes up, a new server process starts on the
 * same data: each notification arrives once, counted by X-Suture-Event-Id and by payload.
 */
abstract class NotificationCrashContract {
  static final List<String> FAST_RETRIES = List.of("--suture.notifications.poll-interval=100ms", "--suture.notifications.timeout=2s",
      "--suture.notifications.backoff-initial=300ms", "--suture.notifications.backoff-max=1s", "--suture.notifications.max-attempts=100000");

  @TempDir Path tmp;

  abstract List<String> databaseArgs();

  List<String> args() {
    List<String> all = new java.util.ArrayList<>(FAST_RETRIES);
    all.addAll(databaseArgs());
    return all;
  }

  final List<String[]> got = new CopyOnWriteArrayList<>(); // {event id, body}

  @Test void receiverGetsEveryEventExactlyOnceAcrossASigkillBetweenQueuingAndSending() throws Exception {
    int receiverPort = ServerProcess.freePort();
    Path dir = Files.createDirectories(tmp.resolve("host1"));
    Files.writeString(dir.resolve("version"), "1.0");
    String docs = """
        apiVersion: suture.dev/v1
        kind: NotificationChannel
        metadata: {name: ops}
        spec: {type: webhook, url: "http://127.0.0.1:%d/ops"}
        ---
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: host1, labels: {dir: "%s"}}
        spec: {environment: staging}
        ---
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: p2}
        spec: {kind: security, priority: high, version: "2.0"}
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: quick}
        spec:
          targets: {selector: "environment=staging"}
          executor:
            type: command
            apply: ["sh", "-c", "printf %%s \\"$1\\" > \\"$2/version\\"", "apply", "{{patch.version}}", "{{target.labels.dir}}"]
            version: ["cat", "{{target.labels.dir}}/version"]
          stages:
            - notify: {}
            - wave: {percent: 100}
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: broken}
        spec:
          targets: {selector: "environment=staging"}
          executor: {type: command, apply: ["false"], version: ["echo", "0.9"]}
          stages:
            - wave: {percent: 100}
        """.formatted(receiverPort, dir);
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path log = tmp.resolve("server.log");
    int queued;
    try (ServerProcess first = new ServerProcess(data, log, args()).start()) {
      assertThat(api(first, "POST", "/api/v1/documents?source=n.yaml", docs).statusCode()).isEqualTo(200);
      String broken = rollout(first, "broken");
      awaitRollout(first, broken);
      String quick = rollout(first, "quick");
      awaitRollout(first, quick);
      // Everything queued and tried at least once against the dead receiver: PENDING, not sent.
      List<Map<String, Object>> rows = await(first, "/api/v1/notifications", r -> r.size() >= 7
          && r.stream().allMatch(x -> "PENDING".equals(x.get("state")) && ((Number) x.get("attempts")).intValue() >= 1));
      queued = rows.size();
      first.kill();
    }
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", receiverPort), 0);
    receiver.createContext("/ops", ex -> {
      got.add(new String[] {ex.getRequestHeaders().getFirst("X-Suture-Event-Id"),
          new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    try (ServerProcess second = new ServerProcess(data, log, args()).start()) {
      await(second, "/api/v1/notifications?state=sent", r -> r.size() == queued);
      Thread.sleep(2000); // twenty more polls: a duplicate would show up now
      assertThat(api(second, "GET", "/api/v1/notifications?state=pending", null).body()).isEqualTo("[]");
    } finally {
      receiver.stop(0);
    }
    assertThat(got).as("deliveries; see " + log).hasSize(queued);
    assertThat(new HashSet<>(got.stream().map(g -> g[0]).toList())).as("distinct X-Suture-Event-Id").hasSize(queued);
    assertThat(new HashSet<>(got.stream().map(g -> g[1]).toList())).as("distinct payloads").hasSize(queued);
    assertThat(got.stream().map(g -> (String) Json.readObject(g[1]).get("event")).sorted().toList()).containsExactly(
        "incident.opened", "rollout.completed", "rollout.completed", "rollout.halted", "rollout.notice", "rollout.started", "rollout.started");
  }

  /** Every call to the server goes through here (one place to add the bearer token once authentication lands). */
  private static HttpResponse<String> api(ServerProcess s, String method, String path, String body) throws Exception {
    if (method.equals("GET")) return s.get(path);
    String type = path.startsWith("/api/v1/documents") ? "application/yaml" : "application/json";
    return s.post(path, type, body == null ? "" : body);
  }

  private static String rollout(ServerProcess s, String plan) throws Exception {
    var created = api(s, "POST", "/api/v1/rollouts", "{\"plan\":\"" + plan + "\",\"patch\":\"p2\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return (String) Json.readObject(created.body()).get("id");
  }

  private static void awaitRollout(ServerProcess s, String id) throws Exception {
    long end = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < end) {
      String state = (String) Json.readObject(api(s, "GET", "/api/v1/rollouts/" + id, null).body()).get("state");
      if (List.of("SUCCEEDED", "ROLLED_BACK", "ROLLBACK_FAILED", "ABORTED").contains(state)) return;
      Thread.sleep(100);
    }
    throw new AssertionError("rollout " + id + " did not end");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> await(ServerProcess s, String path, Predicate<List<Map<String, Object>>> until) throws Exception {
    long end = System.currentTimeMillis() + 60_000;
    List<Map<String, Object>> rows = List.of();
    while (System.currentTimeMillis() < end) {
      var r = api(s, "GET", path, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      rows = (List<Map<String, Object>>) Json.read(r.body());
      if (until.test(rows)) return rows;
      Thread.sleep(100);
    }
    throw new AssertionError("timed out on " + path + ": " + rows);
  }
}
