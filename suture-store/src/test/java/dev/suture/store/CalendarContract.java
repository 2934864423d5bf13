package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.doc.DocumentParser;
import dev.suture.core.port.Calendar;
import dev.suture.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Calendar port over the documents table (subclassed per database). */
abstract class CalendarContract {
  @TempDir Path tmp;
  final ManualClock clock = ManualClock.startingAt("2026-11-22T10:00:00Z");
  final DocumentParser parser = new DocumentParser(Set.of("fake"));
  Store store;
  Calendar calendar;

  abstract String url();
  String user() { return null; }
  String password() { return null; }

  @BeforeEach void setUp() {
    store = Store.open(url(), user(), password(), 2, clock, parser);
    calendar = store.calendar();
  }

  @AfterEach void tearDown() {
    if (store != null) store.close();
  }

  void apply(String yaml) { store.documents().apply(parser.parse("calendar.yaml", yaml), "tester"); }

  static final String DOCS = """
      apiVersion: suture.dev/v1
      kind: MaintenanceWindow
      metadata: {name: weekend-night}
      spec: {schedule: "0 2 * * SAT", duration: 4h, timeZone: Europe/Berlin, cutoff: 30m, environments: [production]}
      ---
      apiVersion: suture.dev/v1
      kind: Freeze
      metadata: {name: holiday-peak}
      spec: {from: 2026-12-20T00:00:00Z, to: 2027-01-03T00:00:00Z, groups: [payments], reason: holiday peak}
      """;

  @Test void readsWindowsAndFreezesAsApplied() {
    apply(DOCS);
    var w = calendar.window("weekend-night").orElseThrow();
    assertThat(w.schedule().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(w.cutoff()).isEqualTo(Duration.ofMinutes(30));
    assertThat(calendar.windows()).extracting(x -> x.name()).containsExactly("weekend-night");
    assertThat(calendar.freezes()).singleElement().satisfies(f -> {
      assertThat(f.reason()).isEqualTo("holiday peak");
      assertThat(f.activeAt(Instant.parse("2026-12-24T00:00:00Z"))).isPresent();
    });
    assertThat(calendar.snapshot().freezesAt(Instant.parse("2026-12-24T00:00:00Z"), Set.of("production"), Set.of("payments"))).hasSize(1);
  }

  @Test void aMissingWindowIsEmptyAndAnEditIsSeenAtOnce() {
    assertThat(calendar.window("weekend-night")).isEmpty();
    assertThat(calendar.freezes()).isEmpty();
    apply(DOCS);
    apply(DOCS.replace("cutoff: 30m", "cutoff: 1h"));
    assertThat(calendar.window("weekend-night").orElseThrow().cutoff()).isEqualTo(Duration.ofHours(1));
    assertThat(store.audit().verify().intact()).isTrue();
  }
}
