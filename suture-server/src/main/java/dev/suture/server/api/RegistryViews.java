package dev.suture.server.api;

import dev.suture.core.registry.FieldProblem;
import dev.suture.core.registry.PatchRecord;
import dev.suture.core.registry.PatchStatus;
import dev.suture.core.registry.RegressionRisk;
import dev.suture.core.registry.SlaPolicy;
import dev.suture.core.registry.SlaReport;
import dev.suture.core.registry.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** JSON shapes of the registry API. Durations are whole seconds so every client reads them the same way. */
final class RegistryViews {
  private RegistryViews() {}

  record RiskBody(String level, String notes) {}

  record CreateRequest(String patch, String justification, List<String> affectedVersions, RiskBody regressionRisk, String note) {}

  record TransitionBody(String to, String note, Long version, String justification, List<String> affectedVersions,
                        RiskBody regressionRisk) {}

  record TriageBody(Integer exploitability, Integer dataExposure, Integer affectedUsers, Object assetCriticality) {}

  record Risk(String level, String notes) {}

  record Change(String from, String to, String actor, Instant at, String note) {
    static Change of(StatusChange c) {
      return new Change(c.from() == null ? null : wire(c.from()), wire(c.to()), c.actor(), c.at(), c.note());
    }
  }

  record Sla(String status, Instant due, Long timeLeftSeconds, Long overdueBySeconds) {
    static Sla of(SlaReport.Row r) {
      return new Sla(wire(r.sla()), r.due(), seconds(r.timeLeft()), seconds(r.overdueBy()));
    }
  }

  record RecordSummary(String patch, String title, String priority, String status, Instant due, String sla, long version) {}

  record RecordView(String patch, String title, String priority, List<String> tickets, List<String> cves, String status,
                    Set<String> allowedNext, String justification, List<String> affectedVersions, Risk regressionRisk,
                    List<FieldProblem> missing, Sla sla, List<Change> approvalChain, List<Change> timeline, String outcome,
                    long version) {}

  static RecordView view(PatchRecord r, SlaPolicy policy, Instant now) {
    RegressionRisk risk = r.fields().regressionRisk();
    List<Change> timeline = r.timeline().stream().map(Change::of).toList();
    List<Change> chain = r.timeline().stream().filter(c -> c.to() == PatchStatus.PROPOSED || c.to() == PatchStatus.APPROVED)
        .map(Change::of).toList();
    return new RecordView(r.patchId(), r.ref().title(), wire(r.ref().priority()), r.ref().tickets(), r.ref().cves(), wire(r.status()),
        r.status().allowedNext().stream().map(RegistryViews::wire).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
        r.fields().justification(), r.fields().affectedVersions(), risk == null ? null : new Risk(wire(risk.level()), risk.notes()),
        r.status() == PatchStatus.DRAFT ? r.fields().missing() : List.of(), sla(r, policy, now).map(Sla::of).orElse(null), chain,
        timeline, r.status().isTerminal() ? wire(r.status()) : null, r.version());
  }

  static RecordSummary summary(PatchRecord r, SlaPolicy policy, Instant now) {
    return new RecordSummary(r.patchId(), r.ref().title(), wire(r.ref().priority()), wire(r.status()), r.due(),
        sla(r, policy, now).map(row -> wire(row.sla())).orElse(null), r.version());
  }

  private static java.util.Optional<SlaReport.Row> sla(PatchRecord r, SlaPolicy policy, Instant now) {
    return SlaReport.of(List.of(r), List.of(), policy, now).rows().stream().findFirst();
  }

  record ReportRow(String patch, String title, String priority, String status, Instant proposedAt, Instant due, Instant finishedAt,
                   String sla, Long timeLeftSeconds, Long overdueBySeconds) {}

  record ObligationView(String kind, String subject, Instant due, Instant doneAt, String status, Long timeLeftSeconds,
                        Long overdueBySeconds) {}

  record ReportView(Instant generatedAt, int breaches, int overdueObligations, Map<String, SlaReport.Totals> totals,
                    List<ReportRow> records, Map<String, SlaReport.ObligationTotals> obligationTotals, List<ObligationView> obligations) {}

  static ReportView report(SlaReport r) {
    Map<String, SlaReport.Totals> totals = new java.util.LinkedHashMap<>();
    r.totals().forEach((p, t) -> totals.put(wire(p), t));
    return new ReportView(r.generatedAt(), r.breaches(), r.overdueObligations(), totals,
        r.rows().stream().map(x -> new ReportRow(x.patchId(), x.title(), wire(x.priority()), wire(x.status()), x.proposedAt(), x.due(),
            x.finishedAt(), wire(x.sla()), seconds(x.timeLeft()), seconds(x.overdueBy()))).toList(),
        r.obligationTotals(), r.obligations().stream().map(o -> new ObligationView(o.kind(), o.subject(), o.due(), o.doneAt(),
            wire(o.status()), seconds(o.timeLeft()), seconds(o.overdueBy()))).toList());
  }

  static Long seconds(Duration d) { return d == null ? null : d.getSeconds(); }

  static String wire(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT); }
}
