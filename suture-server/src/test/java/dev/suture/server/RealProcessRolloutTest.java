package dev.suture.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.command.CommandCheckRunner;
import dev.suture.command.CommandExecutor;
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
import dev.suture.http.WebhookNotifier;
import dev.suture.store.Store;
import dev.suture.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with the real command executor: rate limits measured by the apply command itself,
 * hung commands killed at their timeout, hostile asset names passed literally.
 */
class RealProcessRolloutTest {
  @TempDir Path tmp;
  Store store;
  RolloutEngine engine;
  final DocumentParser parser = new DocumentParser(Set.of("command"));

  @BeforeEach void setUp() {
    store = Store.open(TestDatabases.h2(tmp), null, null, 8, Clock.systemUTC(), parser);
    engine = new RolloutEngine(store.rollouts(), store.audit(),
        new Adapters(List.of(new CommandExecutor()), List.of(new CommandCheckRunner()), Optional.of(new WebhookNotifier())), Clock.systemUTC(),
        EngineConfig.defaults("test").withTick(Duration.ofMillis(20)));
    engine.start();
  }

  @AfterEach void tearDown() throws Exception {
    engine.close();
    store.close();
  }

  /** Assets with a state dir each; the apply command below records concurrency under flock. */
  void fleet(List<String> names, String applyScript, String timeout, String stage) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      Path dir = Files.createDirectories(tmp.resolve("h" + Math.abs(n.hashCode())));
      Files.writeString(dir.resolve("version"), "1.0");
      sb.append("---\napiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: \"").append(n).append("\", labels: {dir: \"")
          .append(dir).append("\"}}\nspec: {environment: production}\n");
    }
    sb.append("---\napiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: p2}\nspec: {kind: bugfix, priority: routine, version: '2.0'}\n");
    sb.append("---\napiVersion: suture.dev/v1\nkind: Plan\nmetadata: {name: real}\nspec:\n  targets: {selector: \"environment=production\"}\n")
        .append("  executor:\n    type: command\n    apply: [\"sh\", \"-c\", ").append(quote(applyScript))
        .append(", \"apply\", \"{{patch.version}}\", \"{{target.labels.dir}}\", \"{{target.name}}\", \"").append(tmp).append("\"]\n")
        .append("    version: [\"cat\", \"{{target.labels.dir}}/version\"]\n    timeout: ").append(timeout).append("\n")
        .append("  stages:\n    - ").append(stage).append("\n");
    store.documents().apply(parser.parse("fleet.yaml", sb.toString()), "test");
  }

  static String quote(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\""; }

  Rollout run() throws InterruptedException {
    var assets = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
    var r = engine.create(new RolloutRequest(store.documents().find(DocumentKind.PLAN, "real").orElseThrow(),
        store.documents().find(DocumentKind.PATCH, "p2").orElseThrow(), assets, "test"));
    long end = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < end) {
      Rollout now = store.rollouts().find(r.id()).orElseThrow();
      if (now.state().isTerminal() || (now.state() == RolloutState.HALTED && !engine.isDriving(r.id()))) return now;
      Thread.sleep(50);
    }
    throw new AssertionError("rollout did not end");
  }

  // $4 = shared dir; counts in-flight applies under an exclusive lock and keeps the maximum.
  static final String MEASURE = """
      exec 9>>"$4/lock"; flock 9; c=$(cat "$4/cur" 2>/dev/null || echo 0); c=$((c+1)); echo $c > "$4/cur"
      m=$(cat "$4/max" 2>/dev/null || echo 0); if [ $c -gt $m ]; then echo $c > "$4/max"; fi; flock -u 9
      sleep 0.4
      flock 9; c=$(cat "$4/cur"); echo $((c-1)) > "$4/cur"; flock -u 9
      printf %s "$1" > "$2/version"
      """;

  @Test void maxConcurrencyIsNeverExceededAsMeasuredByTheCommand() throws Exception {
    fleet(List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"), MEASURE, "30s", "wave: {percent: 100, maxConcurrency: 3}");
    Rollout r = run();
    assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED);
    assertThat(Files.readString(tmp.resolve("max")).strip()).isEqualTo("3");
  }

  @Test void hungApplyIsKilledAtItsTimeoutLeavesNoProcessAndCountsAsFailure() throws Exception {
    String script = "if [ \"$3\" = hang ]; then sh -c 'echo $$ > \"$0/child.pid\"; sleep 600' \"$4\" & echo $$ > \"$4/parent.pid\"; wait; fi; "
        + "printf %s \"$1\" > \"$2/version\"";
    fleet(List.of("hang", "ok1", "ok2"), script, "1s", "wave: {percent: 100, maxConcurrency: 3, maxErrors: 1}");
    Rollout r = run();
    assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED); // one failure is within maxErrors 1
    TargetRun hung = store.rollouts().targets(r.id()).stream().filter(t -> t.name().equals("hang")).findFirst().orElseThrow();
    assertThat(hung.state()).isEqualTo(TargetState.FAILED);
    assertThat(hung.error()).contains("timed out");
    for (String f : List.of("parent.pid", "child.pid")) {
      long pid = Long.parseLong(Files.readString(tmp.resolve(f)).strip());
      assertThat(ProcessHandle.of(pid).map(p -> p.isAlive() && !isZombie(pid))).as(f).isNotEqualTo(Optional.of(true));
    }
  }

  @Test void hostileAssetNameReachesArgvLiterally() throws Exception {
    Path marker = tmp.resolve("x");
    String name = "web1; touch " + marker;
    fleet(List.of(name), "printf %s \"$3\" > \"$2/name\"; printf %s \"$1\" > \"$2/version\"", "10s", "wave: {percent: 100}");
    assertThat(run().state()).isEqualTo(RolloutState.SUCCEEDED);
    Path dir = tmp.resolve("h" + Math.abs(name.hashCode()));
    assertThat(Files.readString(dir.resolve("name"))).isEqualTo(name);
    assertThat(marker).doesNotExist();
  }

  @Test void maxErrorsAllowsNAndHaltsAtNPlusOne() throws Exception {
    String script = "case \"$3\" in bad*) exit 3;; esac; printf %s \"$1\" > \"$2/version\"";
    fleet(List.of("bad1", "bad2", "bad3", "ok1", "ok2", "ok3"), script, "10s", "wave: {percent: 100, maxConcurrency: 1, maxErrors: 2}");
    Rollout r = run();
    // Targets run in name order: bad1, bad2 are allowed; bad3 is the third failure and halts.
    assertThat(r.state()).isIn(RolloutState.ROLLBACK_FAILED, RolloutState.ROLLED_BACK);
    assertThat(r.haltReason()).contains("3 failures exceed maxErrors 2");
    assertThat(store.rollouts().targets(r.id()).stream().filter(t -> t.name().startsWith("ok")))
        .allSatisfy(t -> assertThat(t.attempts()).isZero());
  }

  @Test void notifyQueuesItsNoticeForThePlansWebhookThroughTheOutbox() throws Exception {
    var received = new java.util.concurrent.LinkedBlockingQueue<String>();
    var ids = new java.util.concurrent.LinkedBlockingQueue<String>();
    var hook = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/hook", ex -> {
      received.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      ids.add(ex.getRequestHeaders().getFirst("X-Suture-Event-Id"));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    hook.start();
    try (var dispatcher = new dev.suture.http.NotificationDispatcher(store.notifications(), store.documents(),
        new dev.suture.http.NotificationSender(Duration.ofSeconds(5)), Clock.systemUTC(), dev.suture.http.NotificationDispatcher.Config.defaults())) {
      String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
      fleet(List.of("n1"), "printf %s \"$1\" > \"$2/version\"", "10s", "notify: {webhook: \"" + url + "\"}\n    - wave: {percent: 100}");
      Rollout r = run();
      assertThat(r.state()).isEqualTo(RolloutState.SUCCEEDED);
      assertThat(r.stages().get(0).summary()).isEqualTo("notice queued for the plan's webhook");
      assertThat(received).as("nothing is posted by the stage itself").isEmpty();
      dispatcher.runOnce();
      var body = dev.suture.core.json.Json.readObject(received.poll(5, java.util.concurrent.TimeUnit.SECONDS));
      assertThat(body).containsEntry("rollout", r.id()).containsEntry("patch", "p2").containsEntry("targets", 1L)
          .containsEntry("event", "rollout.notice").doesNotContainKey("webhook");
      assertThat((String) body.get("text")).contains("Suture will patch 1 targets");
      assertThat(ids.poll()).isEqualTo(body.get("id")).endsWith(":plan-webhook");
      dispatcher.runOnce();
      assertThat(received).as("sent once").isEmpty();
    } finally {
      hook.stop(0);
    }
  }

  static boolean isZombie(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").startsWith("Z");
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
