package dev.suture.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.suture.core.doc.DocumentParser;
import dev.suture.core.json.Json;
import dev.suture.server.security.Allow;
import dev.suture.store.Store;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
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
import org.springframework.web.bind.annotation.GetMapping;

/** GET /api/v1/windows, /freezes and /schedule/conflicts over a real H2 store, through Spring MVC's JSON. */
class CalendarControllerTest {
  @TempDir Path tmp;
  final DocumentParser parser = new DocumentParser(Set.of("command"));
  // Friday 2026-11-27 12:00Z: the Saturday window is closed, the holiday freeze not yet in force.
  final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
  Store store;
  MockMvc mvc;

  @BeforeEach void setUp() {
    store = Store.open(Store.h2FileUrl(tmp.resolve("db")), null, null, 2, clock, parser);
    mvc = MockMvcBuilders.standaloneSetup(new CalendarController(store, clock)).setControllerAdvice(new ProblemHandler()).build();
    store.documents().apply(parser.parse("cal.yaml", """
        apiVersion: suture.dev/v1
        kind: MaintenanceWindow
        metadata: {name: weekend-night}
        spec: {schedule: "0 2 * * SAT", duration: 4h, cutoff: 30m}
        ---
        apiVersion: suture.dev/v1
        kind: Freeze
        metadata: {name: holiday-peak}
        spec: {from: 2026-12-20T00:00:00Z, to: 2027-01-03T00:00:00Z, groups: [payments], reason: holiday peak}
        ---
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: pay-01}
        spec: {environment: production, groups: [payments]}
        ---
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: p1}
        spec: {kind: security, priority: high, version: '2'}
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: sop}
        spec:
          targets: {selector: "environment=production"}
          executor: {type: command, apply: [apply]}
          stages: [{wave: {percent: 100}}]
          window: weekend-night
        """), "tester");
  }

  @AfterEach void tearDown() { store.close(); }

  Object json(String url, int status) throws Exception {
    MvcResult r = mvc.perform(get(url)).andReturn();
    assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(status);
    return Json.read(r.getResponse().getContentAsString());
  }

  @Test @SuppressWarnings("unchecked") void listsWindowsWithTheirNextOpening() throws Exception {
    var list = (List<Map<String, Object>>) json("/api/v1/windows", 200);
    assertThat(list).singleElement().satisfies(w -> {
      assertThat(w).containsEntry("name", "weekend-night").containsEntry("duration", "4h").containsEntry("cutoff", "30m")
          .containsEntry("open", false).containsEntry("timeZone", "UTC");
      assertThat((Map<String, Object>) w.get("nextOpening")).containsEntry("start", "2026-11-28T02:00:00Z")
          .containsEntry("end", "2026-11-28T06:00:00Z");
    });
  }

  @Test @SuppressWarnings("unchecked") void listsFreezes() throws Exception {
    var list = (List<Map<String, Object>>) json("/api/v1/freezes", 200);
    assertThat(list).singleElement().satisfies(f -> assertThat(f).containsEntry("name", "holiday-peak")
        .containsEntry("reason", "holiday peak").containsEntry("from", "2026-12-20T00:00:00Z").containsEntry("activeNow", null));
  }

  @Test @SuppressWarnings("unchecked") void reportsConflictsOfAProposedStart() throws Exception {
    var now = (Map<String, Object>) json("/api/v1/schedule/conflicts?plan=sop&patch=p1", 200);
    assertThat((List<Map<String, Object>>) now.get("conflicts")).extracting(c -> c.get("kind")).containsExactly("OUTSIDE_WINDOW");
    var christmas = (Map<String, Object>) json("/api/v1/schedule/conflicts?plan=sop&patch=p1&start=2026-12-26T03:00:00Z", 200);
    assertThat((List<Map<String, Object>>) christmas.get("conflicts")).singleElement()
        .satisfies(c -> assertThat(c).containsEntry("kind", "IN_FREEZE"));
    var saturday = (Map<String, Object>) json("/api/v1/schedule/conflicts?plan=sop&patch=p1&start=2026-11-28T03:00:00Z", 200);
    assertThat((List<?>) saturday.get("conflicts")).isEmpty();
    assertThat(saturday).containsEntry("targets", 1L);
  }

  @Test @SuppressWarnings("unchecked") void badInputNamesTheField() throws Exception {
    var missing = (Map<String, Object>) json("/api/v1/schedule/conflicts?patch=p1", 400);
    assertThat((String) missing.get("detail")).contains("plan: is required");
    var unknown = (Map<String, Object>) json("/api/v1/schedule/conflicts?plan=nope&patch=p1", 400);
    assertThat((String) unknown.get("detail")).contains("no plan named 'nope'");
    var badStart = (Map<String, Object>) json("/api/v1/schedule/conflicts?plan=sop&patch=p1&start=tomorrow", 400);
    assertThat((String) badStart.get("detail")).contains("start: 'tomorrow' is not an instant");
  }

  @Test void everyHandlerNamesItsRoles() {
    List<Method> handlers = Arrays.stream(CalendarController.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(GetMapping.class)).toList();
    assertThat(handlers).hasSize(3).allSatisfy(m -> assertThat(m.getAnnotation(Allow.class)).as(m.getName()).isNotNull());
  }
}
