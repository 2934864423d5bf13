package dev.suture.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.json.Json;
import dev.suture.core.notify.Backoff;
import dev.suture.core.testing.ManualClock;
import dev.suture.http.NotificationDispatcher;
import dev.suture.http.NotificationSender;
import dev.suture.store.Store;
import dev.suture.store.TestDatabases;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** /api/v1/notifications through Spring MVC's real JSON conversion, on a real H2 outbox. */
class NotificationsControllerTest {
  static final String SECRET_PATH = "/services/T0/B0/s3cr3t-path-token";

  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-12-01T10:00:00Z");
  final DocumentParser parser = new DocumentParser(Set.of("command"));
  Store store;
  MockMvc mvc;

  @BeforeEach void setUp() throws Exception {
    store = Store.open(TestDatabases.h2(tmp), null, null, 4, clock, parser);
    mvc = MockMvcBuilders.standaloneSetup(new NotificationsController(store, clock)).setControllerAdvice(new ProblemHandler())
        .addFilter((req, res, chain) -> { // what AuthFilter does for an authenticated operator
          req.setAttribute(dev.suture.server.security.CurrentActor.ATTRIBUTE,
              new dev.suture.core.auth.Actor("ops", java.util.Set.of(dev.suture.core.auth.Role.OPERATOR)));
          chain.doFilter(req, res);
        }).build();
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    store.documents().apply(parser.parse("c.yaml", """
        apiVersion: suture.dev/v1
        kind: NotificationChannel
        metadata: {name: pager}
        spec: {type: pagerduty, url: "http://127.0.0.1:%d%s", routingKey: ROUTING-KEY-SECRET}
        """.formatted(closed, SECRET_PATH)), "test");
    store.audit().append(List.of(AuditRecord.of("engine:t", "incident.opened", "rollout/r-1", "priority", "P1", "title", "halted")));
    try (var d = new NotificationDispatcher(store.notifications(), store.documents(), new NotificationSender(Duration.ofSeconds(2)), clock,
        new NotificationDispatcher.Config(Duration.ofMillis(50), Duration.ofMinutes(1), 10, 1, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1)))) {
      d.runOnce(); // refused once, and one attempt is all it gets: DEAD
    }
  }

  @AfterEach void tearDown() { store.close(); }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> list(String query) throws Exception {
    MvcResult r = mvc.perform(get("/api/v1/notifications" + query)).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    String body = r.getResponse().getContentAsString();
    assertThat(body).doesNotContain("ROUTING-KEY-SECRET").doesNotContain(SECRET_PATH).doesNotContain("payload");
    return (List<Map<String, Object>>) Json.read(body);
  }

  @Test void listsDeliveryStateWithoutPayloadOrSecrets() throws Exception {
    var rows = list("?state=dead");
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row).containsEntry("event", "incident.opened").containsEntry("channel", "pager").containsEntry("state", "DEAD")
          .containsEntry("attempts", 1L).containsEntry("subject", "rollout/r-1");
      assertThat((String) row.get("eventId")).endsWith(":pager");
      assertThat((String) row.get("lastError")).contains("connection refused");
    });
    assertThat(list("?state=pending")).isEmpty();
    assertThat(list("")).hasSize(1);
  }

  @Test void retryMovesDeadToPendingAndRefusesTwice() throws Exception {
    long id = ((Number) list("").get(0).get("id")).longValue();
    MvcResult r = mvc.perform(post("/api/v1/notifications/" + id + "/retry")).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    assertThat(Json.readObject(r.getResponse().getContentAsString())).containsEntry("state", "PENDING").containsEntry("attempts", 0L);
    MvcResult again = mvc.perform(post("/api/v1/notifications/" + id + "/retry")).andReturn();
    assertThat(again.getResponse().getStatus()).isEqualTo(409);
    assertThat(again.getResponse().getContentAsString()).contains("only a DEAD notification can be retried");
    assertThat(store.audit().forSubject("notification/" + id)).singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo("notification.retried"));
  }

  @Test void unknownIdIs404AndBadStateNamesTheField() throws Exception {
    assertThat(mvc.perform(post("/api/v1/notifications/999/retry")).andReturn().getResponse().getStatus()).isEqualTo(404);
    MvcResult bad = mvc.perform(get("/api/v1/notifications?state=lost")).andReturn();
    assertThat(bad.getResponse().getStatus()).isEqualTo(400);
    assertThat(bad.getResponse().getContentAsString()).contains("\"field\":\"state\"").contains("pending, sent, dead");
  }

  @Test void channelsShowTypeHostAndEventsButNotTheSecretPathOrKey() throws Exception {
    MvcResult r = mvc.perform(get("/api/v1/notification-channels")).andReturn();
    String body = r.getResponse().getContentAsString();
    assertThat(body).doesNotContain(SECRET_PATH).doesNotContain("ROUTING-KEY-SECRET").contains("\"type\":\"pagerduty\"")
        .contains("incident.opened").contains("http://127.0.0.1:");
  }
}
