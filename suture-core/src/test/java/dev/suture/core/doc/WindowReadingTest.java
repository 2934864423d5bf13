package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.PARSER;
import static dev.suture.core.doc.Parsing.errorsOf;
import static dev.suture.core.doc.Parsing.hasError;
import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.plan.Plan;
import dev.suture.core.window.Freeze;
import dev.suture.core.window.MaintenanceWindow;
import dev.suture.core.window.Opening;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MaintenanceWindow and Freeze documents, and a plan's spec.window. */
class WindowReadingTest {

  static String window(String spec) {
    return "apiVersion: suture.dev/v1\nkind: MaintenanceWindow\nmetadata: {name: weekend-night}\nspec:\n"
        + spec.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
  }

  static String freeze(String spec) {
    return "apiVersion: suture.dev/v1\nkind: Freeze\nmetadata: {name: holiday-peak}\nspec:\n"
        + spec.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
  }

  @Test
  void readsAMaintenanceWindow() {
    var docs = PARSER.parse("w.yaml", window("""
        schedule: "0 2 * * SAT"
        duration: 4h
        timeZone: Europe/Berlin
        cutoff: 30m
        environments: [production]
        """));
    MaintenanceWindow w = docs.get(0).as(MaintenanceWindow.class);
    assertThat(docs.get(0).kind()).isEqualTo(DocumentKind.MAINTENANCE_WINDOW);
    assertThat(w.name()).isEqualTo("weekend-night");
    assertThat(w.schedule().cron()).isEqualTo("0 2 * * SAT");
    assertThat(w.schedule().duration()).isEqualTo(Duration.ofHours(4));
    assertThat(w.schedule().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(w.cutoff()).isEqualTo(Duration.ofMinutes(30));
    assertThat(w.environments()).containsExactly("production");
  }

  @Test
  void timeZoneDefaultsToUtcAndCutoffToZero() {
    MaintenanceWindow w = PARSER.parse("w.yaml", window("schedule: \"0 2 * * *\"\nduration: 1h\n")).get(0).as(MaintenanceWindow.class);
    assertThat(w.schedule().zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(w.cutoff()).isZero();
    assertThat(w.environments()).isEmpty();
  }

  @Test
  void rejectsABadCronNamingTheField() {
    onlyError(window("schedule: \"0 2 * *\"\nduration: 4h\n"), 5, "spec.schedule", "is not a cron expression", "e.g. \"0 2 * * SAT\"");
  }

  @Test
  void rejectsAnUnknownTimeZone() {
    onlyError(window("schedule: \"0 2 * * SAT\"\nduration: 4h\ntimeZone: Europe/Atlantis\n"), 7, "spec.timeZone",
        "'Europe/Atlantis' is not a time zone");
  }

  @Test
  void rejectsACutoffNotShorterThanTheDuration() {
    onlyError(window("schedule: \"0 2 * * SAT\"\nduration: 4h\ncutoff: 4h\n"), 7, "spec.cutoff", "must be shorter than duration (4h)");
  }

  @Test
  void requiresScheduleAndDuration() {
    var errors = errorsOf(window("timeZone: UTC\n"));
    hasError(errors, 5, "spec.schedule", "is required");
    hasError(errors, 5, "spec.duration", "is required");
  }

  @Test
  void rejectsUnknownFields() {
    onlyError(window("schedule: \"0 2 * * SAT\"\nduration: 4h\ncutof: 30m\n"), 7, "spec.cutof", "unknown field");
  }

  @Test
  void readsAFixedFreeze() {
    Freeze f = PARSER.parse("f.yaml", freeze("""
        from: 2026-12-20T00:00:00Z
        to: 2027-01-03T00:00
        timeZone: Europe/Berlin
        environments: [production]
        groups: [payments]
        reason: "holiday peak"
        """)).get(0).as(Freeze.class);
    assertThat(f.fixed()).contains(new Opening(Instant.parse("2026-12-20T00:00:00Z"), Instant.parse("2027-01-02T23:00:00Z")));
    assertThat(f.recurring()).isEmpty();
    assertThat(f.groups()).containsExactly("payments");
    assertThat(f.reason()).isEqualTo("holiday peak");
  }

  @Test
  void readsARecurringFreeze() {
    Freeze f = PARSER.parse("f.yaml", freeze("schedule: \"0 9 * * MON-FRI\"\nduration: 8h\ntimeZone: Europe/Berlin\nreason: peak\n"))
        .get(0).as(Freeze.class);
    assertThat(f.recurring()).get().satisfies(s -> assertThat(s.duration()).isEqualTo(Duration.ofHours(8)));
    assertThat(f.fixed()).isEmpty();
  }

  @Test
  void aFreezeNeedsAReason() {
    onlyError(freeze("from: 2026-12-20T00:00:00Z\nto: 2027-01-03T00:00:00Z\n"), 5, "spec.reason", "is required");
  }

  @Test
  void aFreezeIsEitherASpanOrRecurringNotBoth() {
    onlyError(freeze("from: 2026-12-20T00:00:00Z\nto: 2027-01-03T00:00:00Z\nschedule: \"0 9 * * *\"\nduration: 1h\nreason: x\n"),
        7, "spec.schedule", "either from/to", "not both");
  }

  @Test
  void aFreezeEndsAfterItStarts() {
    onlyError(freeze("from: 2026-12-20T00:00:00Z\nto: 2026-12-19T00:00:00Z\nreason: x\n"), 6, "spec.to", "must be after from");
  }

  @Test
  void rejectsAnUnreadableDate() {
    onlyError(freeze("from: next tuesday\nto: 2026-12-19T00:00:00Z\nreason: x\n"), 5, "spec.from", "is not a date-time");
  }

  @Test
  void aFreezeWithoutSpanOrScheduleSaysWhatIsMissing() {
    onlyError(freeze("reason: x\n"), 5, "spec.from", "is required", "schedule and duration");
  }

  @Test
  void oneBadDocumentRejectsTheWholeInput() {
    String input = window("schedule: \"0 2 * * SAT\"\nduration: 4h\n") + "---\n" + freeze("from: 2026-12-20T00:00:00Z\nto: 2027-01-03T00:00:00Z\n");
    onlyError(input, 12, "spec.reason", "is required");
  }

  @Test
  void anUnknownKindListsEveryKind() {
    onlyError("apiVersion: suture.dev/v1\nkind: Window\nmetadata: {name: w}\nspec: {}\n", 2, "kind",
        "'Window' is not one of Asset, Patch, Plan, MaintenanceWindow, Freeze");
  }

  static final String PLAN = """
      apiVersion: suture.dev/v1
      kind: Plan
      metadata: {name: p}
      spec:
        targets: {selector: "env=prod"}
        executor: {type: command, apply: [apply]}
        stages: [{wave: {percent: 100}}]
      """;

  @Test
  void aPlanMayNameItsWindow() {
    Plan p = PARSER.parse("p.yaml", PLAN + "  window: weekend-night\n").get(0).as(Plan.class);
    assertThat(p.window()).contains("weekend-night");
    assertThat(PARSER.parse("p.yaml", PLAN).get(0).as(Plan.class).window()).isEmpty();
  }

  @Test
  void aPlanWindowMustBeAName() {
    onlyError(PLAN + "  window: [a, b]\n", 8, "spec.window", "must be a scalar");
  }

  @Test
  void windowsAndFreezesGoThroughTheParserAsAList() {
    var docs = PARSER.parse("cal.yaml", window("schedule: \"0 2 * * SAT\"\nduration: 4h\n") + "---\n"
        + freeze("schedule: \"0 9 * * MON-FRI\"\nduration: 8h\nreason: peak\n"));
    assertThat(docs).extracting(Document::kind).containsExactly(DocumentKind.MAINTENANCE_WINDOW, DocumentKind.FREEZE);
    assertThat(List.of(docs.get(0).yaml(), docs.get(1).yaml())).allSatisfy(y -> assertThat(y).startsWith("apiVersion"));
  }
}
