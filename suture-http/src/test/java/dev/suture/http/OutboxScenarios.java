package dev.suture.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.json.Json;
import dev.suture.core.notify.Backoff;
import dev.suture.core.notify.Delivery;
import dev.suture.core.notify.DeliveryState;
import dev.suture.core.testing.ManualClock;
import dev.suture.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relay + dispatcher against a real database (subclassed per database) and a real HTTP receiver,
 * on a manual clock: backoff is observed by moving time, not by sleeping.
 */
abstract class OutboxScenarios {
  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-12-01T10:00:00Z");
  final DocumentParser parser = new DocumentParser(Set.of("command"));
  final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 4);
  Store store;
  Receiver receiver;
  List<NotificationDispatcher> dispatchers = new ArrayList<>();

  abstract String url();
  String user() { return null; }
  String password() { return null; }

  @BeforeEach void setUp() throws Exception {
    store = Store.open(url(), user(), password(), 8, clock, parser);
    receiver = new Receiver().up();
  }

  @AfterEach void tearDown() throws Exception {
    for (NotificationDispatcher d : dispatchers) d.close();
    receiver.close();
    store.close();
  }

  NotificationDispatcher dispatcher() {
    var d = new NotificationDispatcher(store.notifications(), store.documents(), new NotificationSender(Duration.ofSeconds(2)), clock,
        new NotificationDispatcher.Config(Duration.ofMillis(50), Duration.ofMinutes(1), 100, 4, backoff));
    dispatchers.add(d);
    return d;
  }

  void channel(String name, String type, String events) {
    store.documents().apply(parser.parse("c.yaml", "apiVersion: suture.dev/v1\nkind: NotificationChannel\nmetadata: {name: " + name
        + "}\nspec:\n  type: " + type + "\n  url: " + receiver.url("/" + name) + "\n" + (events == null ? "" : "  events: " + events + "\n")),
        "test");
  }

  void audit(String action, Object... details) {
    store.audit().append(List.of(AuditRecord.of("engine:t", action, "rollout/r-1", details)));
  }

  @Test void deliversEveryEventToEveryMatchingChannelExactlyOnce() throws Exception {
    channel("chat", "slack", null);
    channel("hook", "webhook", "[rollout.halted]");
    audit("rollout.started", "targets", 3);
    audit("stage.started", "stage", 0);
    audit("rollout.halted", "reason", "canary failed");
    audit("incident.opened", "priority", "P1", "title", "halted");
    var d = dispatcher();
    assertThat(d.runOnce()).isEqualTo(4);
    assertThat(d.runOnce()).isZero();
    assertThat(receiver.got).hasSize(4);
    assertThat(new HashSet<>(receiver.ids())).hasSize(4);
    assertThat(receiver.got.stream().filter(g -> g.eventId().endsWith(":hook")).map(g -> Json.readObject(g.body()).get("event")))
        .containsExactly("rollout.halted");
    assertThat(store.notifications().list(Optional.of(DeliveryState.SENT), 100)).hasSize(4)
        .allSatisfy(r -> assertThat(r.sentAt()).isEqualTo(clock.instant()));
  }

  @Test void eventsBeforeAChannelExistedAreNotSentToIt() throws Exception {
    audit("rollout.halted", "reason", "early");
    var d = dispatcher();
    d.runOnce();
    channel("chat", "webhook", null);
    audit("rollout.halted", "reason", "late");
    d.runOnce();
    assertThat(receiver.got).singleElement().satisfies(g -> assertThat(g.body()).contains("late"));
  }

  @Test void retriesWithBackoffWhileTheReceiverIsDownThenDeliversOnce() throws Exception {
    channel("chat", "webhook", null);
    receiver.down();
    audit("rollout.halted", "reason", "boom");
    var d = dispatcher();
    assertThat(d.runOnce()).isZero();
    Delivery row = only();
    assertThat(row.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.lastError()).contains("connection refused").doesNotContain("/chat");
    assertThat(row.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(5));
    d.runOnce(); // not due yet: no attempt
    assertThat(only().attempts()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(5));
    d.runOnce();
    assertThat(only().attempts()).isEqualTo(2);
    assertThat(only().nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(10));
    receiver.up();
    clock.advance(Duration.ofSeconds(9));
    assertThat(d.runOnce()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(d.runOnce()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(30));
    d.runOnce();
    assertThat(receiver.got).hasSize(1);
    assertThat(only().state()).isEqualTo(DeliveryState.SENT);
    assertThat(only().lastError()).isNull();
  }

  @Test void goesDeadAfterMaxAttemptsAndAManualRetryDeliversIt() throws Exception {
    channel("chat", "webhook", null);
    receiver.status = 503;
    audit("incident.opened", "priority", "P1", "title", "t");
    var d = dispatcher();
    for (int i = 0; i < 4; i++) {
      d.runOnce();
      clock.advance(Duration.ofMinutes(10));
    }
    Delivery dead = only();
    assertThat(dead.state()).isEqualTo(DeliveryState.DEAD);
    assertThat(dead.attempts()).isEqualTo(4);
    assertThat(dead.lastError()).endsWith("answered 503");
    clock.advance(Duration.ofHours(1));
    d.runOnce();
    assertThat(only().attempts()).as("DEAD is never retried by itself").isEqualTo(4);
    receiver.status = 204;
    Delivery retried = store.notifications().retry(dead.id(), "operator:alice", clock.instant());
    assertThat(retried.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(retried.attempts()).isZero();
    assertThat(d.runOnce()).isEqualTo(1);
    assertThat(receiver.got).hasSize(1);
    assertThatThrownBy(() -> store.notifications().retry(dead.id(), "operator:alice", clock.instant()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("SENT");
    assertThat(store.audit().forSubject("notification/" + dead.id())).singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo("notification.retried"));
  }

  @Test void queuesNothingWhenNoChannelListens() throws Exception {
    audit("rollout.halted", "reason", "x");
    var d = dispatcher();
    d.runOnce();
    assertThat(store.notifications().list(Optional.empty(), 10)).isEmpty();
  }

  @Test void drainsABacklogLargerThanOneRelayTransactionInOnePoll() throws Exception {
    channel("pager", "webhook", "[incident.opened]");
    List<AuditRecord> backlog = new ArrayList<>();
    for (int i = 0; i < 1100; i++) backlog.add(AuditRecord.of("engine:t", "rollout.started", "rollout/r-" + i));
    backlog.add(AuditRecord.of("engine:t", "incident.opened", "rollout/r-last", "priority", "P1", "title", "t"));
    store.audit().append(backlog);
    assertThat(dispatcher().runOnce()).isEqualTo(1);
    assertThat(receiver.got).singleElement().satisfies(g -> assertThat(g.body()).contains("r-last"));
  }

  @Test void twoNodesSendEachEventExactlyOnce() throws Exception {
    channel("chat", "webhook", null);
    var a = dispatcher();
    var b = dispatcher();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Object>> work = new ArrayList<>();
      work.add(pool.submit((Callable<Object>) () -> {
        for (int i = 0; i < 60; i++) audit(i % 2 == 0 ? "rollout.started" : "rollout.halted", "n", i);
        return null;
      }));
      for (var d : List.of(a, b))
        work.add(pool.submit((Callable<Object>) () -> {
          for (int i = 0; i < 40; i++) d.runOnce();
          return null;
        }));
      for (var f : work) f.get();
    } finally {
      pool.shutdownNow();
    }
    a.runOnce();
    b.runOnce();
    assertThat(receiver.got).hasSize(60);
    assertThat(new HashSet<>(receiver.ids())).hasSize(60);
    assertThat(receiver.got.stream().map(g -> Json.readObject(g.body()).get("n")).distinct().count()).isEqualTo(60);
  }

  private Delivery only() {
    List<Delivery> rows = store.notifications().list(Optional.empty(), 10);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }
}
