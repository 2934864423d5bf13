package dev.suture.core.propose;

import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingChange;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingQuery;
import dev.suture.core.finding.FindingState;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Names;
import dev.suture.core.plan.Plan;
import dev.suture.core.port.DocumentStore;
import dev.suture.core.port.FindingStore;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.vuln.FindingViews;
import dev.suture.core.vuln.VulnerabilityService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Patch proposals (issue 6, item 7): lists what to patch, grouped by package, fixed version and
 * environment ({@link ProposalGrouper}), and turns one proposal into a Patch and a Plan in one step.
 *
 * <p>Creating is ordered so that a failure leaves nothing misleading behind: the documents are built
 * and validated first, written together in one transaction (create-only: an existing name is a
 * conflict), and only then are the findings moved to PATCH_PLANNED. That last step is a second
 * transaction; if evidence moves a finding in between (a new inventory, a changed advisory), the move
 * is retried on a fresh read and findings that are no longer OPEN are left as they are and reported.
 */
public final class ProposalService {
  /** How often the finding move is retried when another writer changed a finding meanwhile. */
  static final int ATTEMPTS = 3;

  /** What to create from a proposal; names default to the proposal's id. */
  public record Request(String planTemplate, Optional<String> planName, Optional<String> patchName) {
    public Request {
      Objects.requireNonNull(planTemplate, "planTemplate");
      Objects.requireNonNull(planName, "planName");
      Objects.requireNonNull(patchName, "patchName");
    }
  }

  /**
   * What was created.
   *
   * @param planned the findings moved to PATCH_PLANNED
   * @param skipped findings of the proposal that were no longer OPEN when they were to be moved
   * @param uncovered assets of the proposal the plan's selector does not select (the template's other terms exclude them)
   * @param others assets the selector selects beyond the proposal's (their version probe decides: SKIPPED when already fixed)
   */
  public record Created(Proposal proposal, String patch, String plan, String selector, List<FindingKey> planned,
                        List<FindingKey> skipped, List<String> uncovered, List<String> others) {}

  private final VulnerabilityService service;
  private final FindingViews views;
  private final DocumentStore documents;
  private final DocumentParser parser;
  private final Clock clock;

  public ProposalService(VulnerabilityService service, FindingViews views, DocumentStore documents, DocumentParser parser,
                         Clock clock) {
    this.service = service;
    this.views = views;
    this.documents = documents;
    this.parser = parser;
    this.clock = clock;
  }

  /** The current proposals, optionally for one environment and/or one package (as the advisories name it). */
  public List<Proposal> list(Optional<String> environment, Optional<String> packageName) {
    Map<String, Asset> assets = service.assets();
    // One read of every open finding; the filters apply before scoring, which is the costly part (advisory, KEV, EPSS lookups).
    List<Finding> open = new ArrayList<>(service.findings().list(
        FindingQuery.all().withStates(Set.of(FindingState.OPEN)).withLimit(Integer.MAX_VALUE)));
    open.removeIf(f -> {
      Asset a = assets.get(f.key().asset());
      return f.fixedVersion().isEmpty() || a == null
          || environment.isPresent() && !a.environment().equals(environment.get())
          || packageName.isPresent() && !f.key().packageName().equals(packageName.get());
    });
    return ProposalGrouper.group(views.score(open), assets);
  }

  public Optional<Proposal> find(String id) {
    return list(Optional.empty(), Optional.empty()).stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /**
   * Creates the proposal's Patch and Plan (all or nothing) and moves its findings to PATCH_PLANNED.
   *
   * @throws NotFoundException when there is no such proposal (any more)
   * @throws IllegalArgumentException naming {@code planTemplate} when the template is not a Plan here, or
   *     a field the selector cannot express
   * @throws dev.suture.core.doc.InvalidDocumentException when a built document is invalid (e.g. a bad name)
   * @throws ConflictException when the Patch or the Plan name already exists; nothing is written
   */
  public Created create(String id, Request request, String actor) {
    request.patchName().ifPresent(n -> Names.require("patchName", n));
    request.planName().ifPresent(n -> Names.require("planName", n));
    Names.require("planTemplate", request.planTemplate());
    Proposal p = find(id).orElseThrow(() -> new NotFoundException("proposal", id));
    Document template = documents.find(DocumentKind.PLAN, request.planTemplate())
        .orElseThrow(() -> new IllegalArgumentException("planTemplate: there is no plan named '" + request.planTemplate() + "'"));
    String patchName = request.patchName().orElse(p.id());
    String planName = request.planName().orElse(p.id());
    // Checked before building so the answer names the clash rather than a parse detail; create() checks again atomically.
    if (documents.find(DocumentKind.PATCH, patchName).isPresent())
      throw new ConflictException("patch '" + patchName + "' already exists");
    if (documents.find(DocumentKind.PLAN, planName).isPresent())
      throw new ConflictException("plan '" + planName + "' already exists");

    String selector = ProposalDocuments.selector(p, template.as(Plan.class).targets());
    String yaml = ProposalDocuments.patchYaml(p, patchName) + "---\n"
        + ProposalDocuments.planYaml(p, template.name(), template.yaml(), planName, selector);
    List<Document> docs = parser.parse("proposal/" + p.id(), yaml);
    documents.create(docs, actor);

    Map<String, Asset> assets = service.assets();
    ProposalDocuments.Coverage coverage = ProposalDocuments.coverage(p, selector, assets);
    String note = "planned in patch " + patchName + " (plan " + planName + ", proposal " + p.id() + ", version "
        + p.fixedVersion() + ")";
    List<FindingKey> planned = List.of();
    ConflictException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        planned = planFindings(p, actor, note);
        last = null;
        break;
      } catch (ConflictException raced) {
        last = raced;
      }
    }
    if (last != null)
      throw new ConflictException("patch " + patchName + " and plan " + planName + " were created, but the findings kept "
          + "changing while they were being marked patch-planned (" + last.getMessage() + "); mark them by hand");
    List<FindingKey> skipped = new ArrayList<>(p.findings());
    skipped.removeAll(planned);
    return new Created(p, patchName, planName, selector, planned, skipped, coverage.uncovered(), coverage.others());
  }

  /** Moves the proposal's still-OPEN findings to PATCH_PLANNED in one save; returns their keys. */
  private List<FindingKey> planFindings(Proposal p, String actor, String note) {
    FindingStore store = service.findings();
    Instant now = clock.instant();
    List<Finding> moved = new ArrayList<>();
    List<FindingChange> changes = new ArrayList<>();
    for (FindingKey k : p.findings()) {
      Optional<Finding> f = store.find(k);
      if (f.isEmpty() || f.get().state() != FindingState.OPEN) continue;
      moved.add(f.get().withState(FindingState.PATCH_PLANNED, Optional.empty(), Optional.empty()));
      changes.add(new FindingChange(k, Optional.of(FindingState.OPEN), FindingState.PATCH_PLANNED, actor, now, note));
    }
    store.save(moved, changes, actor);
    return moved.stream().map(Finding::key).toList();
  }
}
