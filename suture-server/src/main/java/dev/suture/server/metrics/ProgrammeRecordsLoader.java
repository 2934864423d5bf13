package dev.suture.server.metrics;

import dev.suture.core.doc.DocumentKind;
import dev.suture.core.metrics.AuditFact;
import dev.suture.core.metrics.FindingFacts;
import dev.suture.core.metrics.ProgrammeRecords;
import dev.suture.core.metrics.RolloutFacts;
import dev.suture.core.model.Asset;
import dev.suture.core.port.CheckResult;
import dev.suture.core.report.ReportService;
import dev.suture.core.rollout.RolloutState;
import dev.suture.store.JdbcPatchRegistry;
import dev.suture.store.JdbcProgrammeRecords;
import dev.suture.store.JdbcProgrammeRecords.RolloutRow;
import dev.suture.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@link ProgrammeRecords} from the store. Rollout documents are parsed once
 * ({@link RolloutCache}); audit events are read incrementally after the last sequence seen, so
 * a pass reads only what was appended since the previous one. Not thread-safe: one scheduler
 * thread calls it.
 */
final class ProgrammeRecordsLoader {
  /** Audit actions the metrics read (docs/metrics.md). */
  static final Set<String> ACTIONS = Set.of("gate.measured", "gate.verdict", "rollout.halted", "rollback.started",
      "rollout.rolled_back", "target.failed");
  /** Incidents up to 72 h after a success count for M7, so rollouts that ended that long before the window still matter. */
  static final Duration LOOKBACK = Duration.ofHours(72);
  private static final int PAGE = 5000;

  private final Store store;
  private final JdbcProgrammeRecords reader;
  private final JdbcPatchRegistry registry;
  private final Clock clock;
  private final Duration window;
  private final ReportService reports;
  private final RolloutCache cache;
  private final List<AuditFact> audit = new ArrayList<>();
  private long lastSequence;

  /** Without findings (M5 and M6 export no data). */
  ProgrammeRecordsLoader(Store store, JdbcProgrammeRecords reader, JdbcPatchRegistry registry, Clock clock, Duration window) {
    this(store, reader, registry, clock, window, null);
  }

  ProgrammeRecordsLoader(Store store, JdbcProgrammeRecords reader, JdbcPatchRegistry registry, Clock clock, Duration window,
                         ReportService reports) {
    this.store = store;
    this.reports = reports;
    this.reader = reader;
    this.registry = registry;
    this.clock = clock;
    this.window = window;
    this.cache = new RolloutCache(store);
  }

  ProgrammeRecords load(Optional<Boolean> auditIntact) {
    List<RolloutRow> rows = reader.rollouts();
    // "now" after the read: every row read was created (and last updated) no later than it, so a
    // rollout created during this pass is not left out of the window by a few microseconds.
    Instant now = clock.instant();
    Instant start = now.minus(window);
    Instant lookback = start.minus(LOOKBACK);

    List<RolloutRow> relevant = rows.stream().filter(r -> !ended(r.state()) || !r.updatedAt().isBefore(lookback)
        || r.createdAt().isAfter(start)).toList();
    Set<String> ids = new HashSet<>();
    relevant.forEach(r -> ids.add(r.id()));
    Map<String, List<RolloutFacts.Target>> targets = reader.targets(ids);

    readAudit(lookback);
    List<Asset> inventory = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
    return new ProgrammeRecords(now, window, facts(relevant, targets), List.of(), List.copyOf(audit),
        registry.list(), reader.incidents(), reader.changes(), inventory, reader.stateCounts(), auditIntact);
  }

  /**
   * M5 and M6 from the findings (docs/reports.md): coverage now and MTTP over the metrics window. Reads
   * every active finding and the REMEDIATED ones, and scores the risk of those remediated in the window.
   */
  FindingFacts findings(Instant now) {
    if (reports == null) return FindingFacts.none(now, window);
    return new FindingFacts(reports.coverage(), reports.mttp(window));
  }

  /**
   * Appends new events, dropping ones older than {@code since}. A {@code gate.measured} event is
   * kept only when it carries a canary error delta (M3): the others are the bulk of the log.
   */
  private void readAudit(Instant since) {
    while (true) {
      List<AuditFact> page = reader.rolloutEvents(ACTIONS, lastSequence, since, PAGE);
      for (AuditFact a : page) {
        lastSequence = a.sequence();
        if (a.action().equals("gate.measured") && a.figure("figures", CheckResult.CANARY_ERROR_DELTA).isEmpty()) continue;
        audit.add(a);
      }
      if (page.size() < PAGE) break;
    }
    audit.removeIf(a -> a.time().isBefore(since));
  }

  private List<RolloutFacts> facts(List<RolloutRow> rows, Map<String, List<RolloutFacts.Target>> targets) {
    return rows.stream().map(r -> fact(r, targets.getOrDefault(r.id(), List.of()))).toList();
  }

  private RolloutFacts fact(RolloutRow r, List<RolloutFacts.Target> targets) {
    RolloutCache.Static s = cache.get(r.id());
    return new RolloutFacts(r.id(), r.patchId(), r.planName(), r.state(), r.createdAt(), r.updatedAt(), s.priority(), s.kind(),
        s.cves(), s.tickets(), s.hasProbes(), s.selector(), targets);
  }

  private static boolean ended(RolloutState s) { return s.isTerminal() || s == RolloutState.HALTED; }
}
