package dev.suture.server.api;

import dev.suture.core.auth.Role;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.Durations;
import dev.suture.core.model.Asset;
import dev.suture.core.plan.Plan;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.window.Conflict;
import dev.suture.core.window.Freeze;
import dev.suture.core.window.MaintenanceWindow;
import dev.suture.core.window.Opening;
import dev.suture.core.window.ScheduleConflicts;
import dev.suture.server.security.Allow;
import dev.suture.store.Store;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Maintenance windows, freezes, and what would stand in the way of starting a rollout. Read-only. */
@RestController
@RequestMapping("/api/v1")
class CalendarController {
  private static final int ACTIVE_ROLLOUTS = 1000;

  private final Store store;
  private final Clock clock;

  CalendarController(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public record OpeningView(Instant start, Instant end) {
    static OpeningView of(Opening o) { return new OpeningView(o.start(), o.end()); }
  }

  public record WindowView(String name, String schedule, String duration, String timeZone, String cutoff, List<String> environments,
                           boolean open, Instant latestStart, OpeningView nextOpening) {}

  public record FreezeView(String name, Instant from, Instant to, String schedule, String duration, String timeZone,
                           List<String> environments, List<String> groups, String reason, OpeningView activeNow) {}

  public record ConflictView(String kind, String message) {}

  public record ConflictsView(String plan, String patch, Instant start, int targets, List<ConflictView> conflicts) {}

  @Operation(summary = "Maintenance windows, each with whether it is open now and its next opening")
  @GetMapping("/windows")
  @Allow({Role.VIEWER, Role.REQUESTER, Role.APPROVER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  List<WindowView> windows() {
    Instant now = clock.instant();
    return store.calendar().windows().stream().map(w -> new WindowView(w.name(), w.schedule().cron(),
        Durations.format(w.schedule().duration()), w.schedule().zone().getId(), Durations.format(w.cutoff()), w.environments(),
        w.isOpen(now), w.latestStart(now).orElse(null), w.nextOpening(now).map(OpeningView::of).orElse(null))).toList();
  }

  @Operation(summary = "Freezes, each with the span in force now (if any)")
  @GetMapping("/freezes")
  @Allow({Role.VIEWER, Role.REQUESTER, Role.APPROVER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  List<FreezeView> freezes() {
    Instant now = clock.instant();
    return store.calendar().freezes().stream().map(f -> new FreezeView(f.name(),
        f.fixed().map(Opening::start).orElse(null), f.fixed().map(Opening::end).orElse(null),
        f.recurring().map(s -> s.cron()).orElse(null), f.recurring().map(s -> Durations.format(s.duration())).orElse(null),
        f.recurring().map(s -> s.zone().getId()).orElse(null), f.environments(), f.groups(), f.reason(),
        f.activeAt(now).map(OpeningView::of).orElse(null))).toList();
  }

  @Operation(summary = "Conflicts of starting a plan for a patch at a time: outside its window, in a freeze, targets busy")
  @GetMapping("/schedule/conflicts")
  @Allow({Role.VIEWER, Role.REQUESTER, Role.APPROVER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  ConflictsView conflicts(@RequestParam(required = false) String plan, @RequestParam(required = false) String patch,
                          @RequestParam(required = false) String start) {
    if (plan == null || plan.isBlank()) throw new FieldException("plan", "is required");
    if (patch == null || patch.isBlank()) throw new FieldException("patch", "is required");
    Plan p = store.documents().find(DocumentKind.PLAN, plan).orElseThrow(() -> new FieldException("plan", "no plan named '" + plan + "'"))
        .as(Plan.class);
    store.documents().find(DocumentKind.PATCH, patch).orElseThrow(() -> new FieldException("patch", "no patch named '" + patch + "'"));
    Instant at = start == null || start.isBlank() ? clock.instant() : instant(start);
    List<Asset> targets = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).filter(p.targets()::matches).toList();
    Set<String> envs = new TreeSet<>();
    Set<String> groups = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    targets.forEach(a -> {
      envs.add(a.environment());
      groups.addAll(a.groups());
      names.add(a.name());
    });
    Optional<MaintenanceWindow> window = p.window().flatMap(w -> store.calendar().window(w));
    List<Conflict> conflicts = new ArrayList<>();
    if (p.window().isPresent() && window.isEmpty()) conflicts.add(ScheduleConflicts.missingWindow(p.window().get()));
    List<Freeze> freezes = store.calendar().freezes();
    conflicts.addAll(ScheduleConflicts.of(new ScheduleConflicts.Proposal(at, envs, groups, names, window), freezes, activeTargets()));
    return new ConflictsView(plan, patch, at, names.size(),
        conflicts.stream().map(c -> new ConflictView(c.kind().name(), c.message())).toList());
  }

  /**
   * Target names per rollout that has not ended. A halted one holds only the targets it touched
   * (they wait for rollback or an operator); the others may still be patched by it.
   */
  private Map<String, List<String>> activeTargets() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Rollout r : store.rollouts().list(ACTIVE_ROLLOUTS)) {
      if (r.state().isTerminal()) continue;
      boolean halted = r.state() == RolloutState.HALTED;
      out.put(r.id(), store.rollouts().targets(r.id()).stream().filter(t -> !halted || t.state().isTouched()).map(TargetRun::name).toList());
    }
    return out;
  }

  private static Instant instant(String s) {
    try {
      return java.time.OffsetDateTime.parse(s.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new FieldException("start", "'" + s + "' is not an instant like 2026-12-05T02:00:00Z");
    }
  }
}
