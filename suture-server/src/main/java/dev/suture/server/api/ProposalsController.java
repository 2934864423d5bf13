package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import dev.suture.core.finding.FindingKey;
import dev.suture.core.propose.Proposal;
import dev.suture.core.propose.ProposalService;
import dev.suture.server.security.Allow;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patch proposals (docs/proposals.md): the open findings grouped into the patches that would close
 * them, and the one step that turns a proposal into a Patch and a Plan and marks its findings
 * patch-planned.
 */
@RestController
@RequestMapping("/api/v1/proposals")
class ProposalsController {
  private final ProposalService proposals;

  ProposalsController(ProposalService proposals) { this.proposals = proposals; }

  public record FindingRef(String asset, String advisory, String packageName) {
    static FindingRef of(FindingKey k) { return new FindingRef(k.asset(), k.advisoryId(), k.packageName()); }

    static List<FindingRef> of(List<FindingKey> keys) { return keys.stream().map(FindingRef::of).toList(); }
  }

  public record ProposalView(String id, String ecosystem, String packageName, String fixedVersion, String environment,
                             List<String> assets, List<String> advisories, List<String> cves, String priority, Instant due,
                             List<FindingRef> findings) {
    static ProposalView of(Proposal p) {
      return new ProposalView(p.id(), p.ecosystem(), p.packageName(), p.fixedVersion(), p.environment(), p.assets(),
          p.advisoryIds(), p.cves(), p.priority().name().toLowerCase(Locale.ROOT), p.due().orElse(null), FindingRef.of(p.findings()));
    }
  }

  /** {@code planTemplate} names an existing Plan to copy; the names default to the proposal's id. */
  public record CreateRequest(String planTemplate, String planName, String patchName) {}

  public record CreatedView(String patch, String plan, String selector, ProposalView proposal, List<FindingRef> planned,
                            List<FindingRef> skipped, List<String> uncoveredAssets, List<String> otherAssets) {}

  @Operation(summary = "Proposed patches: open findings grouped by package, highest fixed version and environment, "
      + "most urgent first; filter by environment and package.")
  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping
  List<ProposalView> list(@RequestParam Optional<String> environment, @RequestParam("package") Optional<String> packageName) {
    return proposals.list(environment.filter(s -> !s.isBlank()), packageName.filter(s -> !s.isBlank())).stream()
        .map(ProposalView::of).toList();
  }

  @Operation(summary = "Create a proposal's Patch and a Plan copied from planTemplate (one transaction; 409 when a name "
      + "exists), then mark its findings patch-planned.")
  @Allow({REQUESTER, OPERATOR, ADMIN})
  @PostMapping("/{id}")
  @ResponseStatus(HttpStatus.CREATED)
  CreatedView create(@PathVariable String id, @RequestBody CreateRequest body) {
    if (body.planTemplate() == null || body.planTemplate().isBlank())
      throw new FieldException("planTemplate", "is required: the name of the Plan to copy (its targets are replaced)");
    var request = new ProposalService.Request(body.planTemplate().trim(), name(body.planName()), name(body.patchName()));
    ProposalService.Created c = proposals.create(id, request, Actors.current());
    return new CreatedView(c.patch(), c.plan(), c.selector(), ProposalView.of(c.proposal()), FindingRef.of(c.planned()),
        FindingRef.of(c.skipped()), c.uncovered(), c.others());
  }

  private static Optional<String> name(String s) { return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim()); }
}
