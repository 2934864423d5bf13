package dev.suture.server.api;

import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.model.Patch;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.registry.Obligation;
import dev.suture.core.registry.ObligationSource;
import dev.suture.core.registry.PatchFields;
import dev.suture.core.registry.PatchRecord;
import dev.suture.core.registry.PatchRef;
import dev.suture.core.registry.PatchStatus;
import dev.suture.core.registry.SlaReport;
import dev.suture.core.registry.TransitionRequest;
import dev.suture.core.registry.TriageScore;
import dev.suture.server.api.RegistryViews.CreateRequest;
import dev.suture.server.api.RegistryViews.RecordSummary;
import dev.suture.server.api.RegistryViews.RecordView;
import dev.suture.server.api.RegistryViews.ReportView;
import dev.suture.server.api.RegistryViews.TransitionBody;
import dev.suture.server.api.RegistryViews.TriageBody;
import dev.suture.server.security.Allow;
import dev.suture.store.JdbcPatchRegistry;
import dev.suture.store.Store;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The auditable patch registry: one record per Patch document, moved through its lifecycle by role. */
@RestController
@RequestMapping("/api/v1")
class RegistryController {
  private final Store store;
  private final JdbcPatchRegistry registry;
  private final Clock clock;
  private final ObjectProvider<ObligationSource> obligationSources;

  RegistryController(Store store, JdbcPatchRegistry registry, Clock clock, ObjectProvider<ObligationSource> obligationSources) {
    this.store = store;
    this.registry = registry;
    this.clock = clock;
    this.obligationSources = obligationSources;
  }

  @Operation(summary = "Register a patch (a DRAFT record); the mandatory fields may follow before proposing")
  @PostMapping("/registry")
  @ResponseStatus(HttpStatus.CREATED)
  @Allow({Role.REQUESTER, Role.OPERATOR, Role.ADMIN})
  RecordView create(@RequestBody CreateRequest body) {
    if (body == null || body.patch() == null || body.patch().isBlank()) throw new FieldException("patch", "is required");
    PatchFields fields = RegistryRequests.fields(body.justification(), body.affectedVersions(), body.regressionRisk());
    PatchRecord r = registry.create(patchRef(body.patch()), fields, actor().name(), body.note());
    return RegistryViews.view(r, registry.policy(), clock.instant());
  }

  @GetMapping("/registry")
  @Allow({Role.VIEWER, Role.REQUESTER, Role.APPROVER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  List<RecordSummary> list(@RequestParam(required = false) String status) {
    Optional<PatchStatus> wanted = Optional.ofNullable(status).map(s -> RegistryRequests.status("status", s));
    return registry.list().stream().filter(r -> wanted.map(w -> w == r.status()).orElse(true))
        .map(r -> RegistryViews.summary(r, registry.policy(), clock.instant())).toList();
  }

  @GetMapping("/registry/{patch}")
  @Allow({Role.VIEWER, Role.REQUESTER, Role.APPROVER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  RecordView get(@PathVariable String patch) {
    return RegistryViews.view(registry.find(patch).orElseThrow(() -> new NotFoundException("registry record", patch)),
        registry.policy(), clock.instant());
  }

  @Operation(summary = "Move a record: proposed, approved, scheduled, in_progress, deployed, rolled_back, cancelled")
  @PostMapping("/registry/{patch}/transition")
  @Allow({Role.REQUESTER, Role.APPROVER, Role.OPERATOR, Role.ADMIN})
  RecordView transition(@PathVariable String patch, @RequestBody TransitionBody body) {
    if (body == null || body.to() == null || body.to().isBlank()) throw new FieldException("to", "is required");
    PatchStatus to = RegistryRequests.status("to", body.to());
    Actor actor = actor();
    requireRole(actor, to);
    // Proposing copies the Patch document again: the approver sees its current priority and links.
    PatchRef ref = to == PatchStatus.PROPOSED ? store.documents().find(DocumentKind.PATCH, patch)
        .map(d -> PatchRef.of(d.as(Patch.class))).orElse(null) : null;
    PatchFields edits = RegistryRequests.fields(body.justification(), body.affectedVersions(), body.regressionRisk());
    TransitionRequest t = new TransitionRequest(to, body.note(), edits, ref, body.version());
    return RegistryViews.view(registry.transition(patch, t, actor.name()), registry.policy(), clock.instant());
  }

  @Operation(summary = "Score a patch's severity (nothing is stored): suggested priority with each factor's contribution")
  @PostMapping("/triage")
  @Allow({Role.VIEWER, Role.REQUESTER, Role.APPROVER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  TriageScore triage(@RequestBody TriageBody body) {
    if (body == null) throw new FieldException("body", "is required");
    return TriageScore.of(RegistryRequests.triage(body));
  }

  @Operation(summary = "Every proposed record against its SLA, totals per priority, and overdue obligations")
  @GetMapping("/reports/sla")
  @Allow({Role.AUDITOR, Role.OPERATOR, Role.ADMIN, Role.VIEWER})
  ReportView slaReport() {
    Instant now = clock.instant();
    List<Obligation> obligations = obligationSources.orderedStream().flatMap(s -> s.obligations(now).stream()).toList();
    return RegistryViews.report(SlaReport.of(registry.list(), obligations, registry.policy(), now));
  }

  /** The per-target rule on top of {@code @Allow}: e.g. only an APPROVER approves. */
  static void requireRole(Actor actor, PatchStatus to) {
    Set<Role> needed = to.enteredBy();
    if (needed.stream().noneMatch(actor::has))
      throw new RoleRequiredException("moving a patch to " + RegistryViews.wire(to) + " needs one of the roles "
          + needed.stream().map(Role::wireName).collect(Collectors.joining(", ")));
  }

  private PatchRef patchRef(String patch) {
    return store.documents().find(DocumentKind.PATCH, patch).map(d -> PatchRef.of(d.as(Patch.class)))
        .orElseThrow(() -> new FieldException("patch", "no patch named '" + patch + "'"));
  }

  /**
   * The acting person. Until authentication lands the local operator holds every role; then this
   * one line reads the authenticated Actor instead.
   */
  private static Actor actor() { return Actors.actor(); }
}
