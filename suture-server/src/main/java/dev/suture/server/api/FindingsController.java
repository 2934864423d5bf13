package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import dev.suture.core.auth.Role;
import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingChange;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.finding.RiskException;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.risk.RiskScore;
import dev.suture.server.security.Allow;
import dev.suture.server.security.ForbiddenException;
import dev.suture.core.vuln.FindingViews;
import dev.suture.core.vuln.VulnerabilityService;
import dev.suture.core.finding.FindingQuery;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Findings: what applies where, how risky it is and why, and the decisions people take on them.
 * Evidence (inventories, feeds) moves findings by itself; people plan, accept (approvers only, with an
 * expiry) or dismiss them, and every move is kept in the finding's history.
 */
@RestController
@RequestMapping("/api/v1/findings")
class FindingsController {
  private final VulnerabilityService service;
  private final FindingViews views;
  private final Clock clock;

  FindingsController(VulnerabilityService service, FindingViews views, Clock clock) {
    this.service = service;
    this.views = views;
    this.clock = clock;
  }

  public record FindingView(String asset, String advisory, String packageName, String ecosystem, String installedVersion,
                            String fixedVersion, String state, Instant firstSeen, Instant fixAvailableSince,
                            Instant remediatedAt, String exceptionApprover, String exceptionReason, Instant exceptionExpiresAt,
                            long version, String summary, List<String> aliases, boolean kev, Double epss, Double riskScore,
                            String priority, Instant due) {
    static FindingView of(FindingViews.Scored s) {
      Finding f = s.finding();
      Optional<RiskException> e = f.exception();
      return new FindingView(f.key().asset(), f.key().advisoryId(), f.key().packageName(), f.ecosystem(), f.installedVersion(),
          f.fixedVersion().orElse(null), f.state().wireName(), f.firstSeen(), f.fixAvailableSince().orElse(null),
          f.remediatedAt().orElse(null), e.map(RiskException::approver).orElse(null), e.map(RiskException::reason).orElse(null),
          e.map(RiskException::expiresAt).orElse(null), f.version(), s.summary(), s.aliases(), s.kev(), s.epss().orElse(null),
          s.risk().map(RiskScore::score).orElse(null), s.risk().map(r -> r.priority().name().toLowerCase()).orElse(null),
          s.risk().map(RiskScore::due).orElse(null));
    }
  }

  public record ChangeView(String from, String to, String actor, Instant at, String note) {
    static ChangeView of(FindingChange c) {
      return new ChangeView(c.from().map(FindingState::wireName).orElse(null), c.to().wireName(), c.actor(), c.at(), c.note());
    }
  }

  public record FactorView(String input, String value, String effect, String why) {}

  public record DetailView(FindingView finding, List<FactorView> risk, String riskExplanation, List<ChangeView> history) {}

  /** A person's decision: the new state, why, and for an accepted risk its expiry; {@code version} fences concurrent edits. */
  public record Decision(String state, String note, String expiresAt, Long version) {}

  @Operation(summary = "List findings, filtered by asset, state (comma-separated) and advisory, with their risk.")
  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping
  List<FindingView> list(@RequestParam Optional<String> asset, @RequestParam Optional<String> state,
                         @RequestParam Optional<String> advisory, @RequestParam Optional<Integer> limit) {
    Set<FindingState> states = EnumSet.noneOf(FindingState.class);
    state.ifPresent(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(x -> states.add(parseState("state", x))));
    int n = limit.orElse(FindingQuery.DEFAULT_LIMIT);
    if (n < 1 || n > 100_000) throw new FieldException("limit", "must be between 1 and 100000, was " + n);
    FindingQuery q = new FindingQuery(asset, states, advisory, n);
    return views.score(service.findings().list(q)).stream().map(FindingView::of).toList();
  }

  @Operation(summary = "One finding with its risk breakdown and its whole history.")
  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/{asset}/{advisory}/{pkg}")
  DetailView get(@PathVariable String asset, @PathVariable String advisory, @PathVariable String pkg) {
    FindingKey key = new FindingKey(asset, advisory, pkg);
    Finding f = service.findings().find(key).orElseThrow(() -> new NotFoundException("finding", key.toString()));
    FindingViews.Scored s = views.score(List.of(f)).get(0);
    List<FactorView> factors = s.risk().map(r -> r.breakdown().stream()
        .map(x -> new FactorView(x.input(), x.value(), x.effectText(), x.why())).toList()).orElse(List.of());
    return new DetailView(FindingView.of(s), factors, s.risk().map(RiskScore::explanation).orElse("advisory not in the feed store"),
        service.findings().history(key).stream().map(ChangeView::of).toList());
  }

  @Operation(summary = "Decide on a finding: patch-planned, accepted-risk (approvers; needs note and expiresAt), "
      + "false-positive (needs note) or open again.")
  @Allow({REQUESTER, APPROVER, OPERATOR, ADMIN})
  @PostMapping("/{asset}/{advisory}/{pkg}/decisions")
  FindingView decide(@PathVariable String asset, @PathVariable String advisory, @PathVariable String pkg,
                     @RequestBody Decision d) {
    FindingKey key = new FindingKey(asset, advisory, pkg);
    if (d.state() == null) throw new FieldException("state", "is required (patch-planned, accepted-risk, false-positive, open)");
    FindingState to = parseState("state", d.state());
    String note = d.note() == null ? "" : d.note().trim();
    Optional<RiskException> exception = Optional.empty();
    switch (to) {
      case REMEDIATED:
        throw new FieldException("state", "remediated is set by inventory evidence, not by hand: collect the inventory");
      case ACCEPTED_RISK:
        require(Role.APPROVER, "accepting a risk");
        if (note.isEmpty()) throw new FieldException("note", "an accepted risk must say why");
        if (d.expiresAt() == null) throw new FieldException("expiresAt", "an accepted risk needs an expiry (an exception never lasts forever)");
        Instant expires = instant(d.expiresAt());
        if (!expires.isAfter(clock.instant())) throw new FieldException("expiresAt", "must be in the future, was " + expires);
        exception = Optional.of(new RiskException(Actors.current(), note, expires));
        break;
      case FALSE_POSITIVE:
        require(Role.OPERATOR, Role.APPROVER, "declaring a false positive");
        if (note.isEmpty()) throw new FieldException("note", "a false positive must say why the advisory does not apply");
        break;
      case PATCH_PLANNED:
        require(Role.OPERATOR, Role.REQUESTER, "planning a patch");
        break;
      default:
        require(Role.OPERATOR, Role.APPROVER, "reopening a finding");
    }
    Finding current = service.findings().find(key).orElseThrow(() -> new NotFoundException("finding", key.toString()));
    long expected = d.version() == null ? current.version() : d.version();
    Finding moved = service.findings().transition(key, to, Actors.current(), note, exception, expected);
    return FindingView.of(views.score(List.of(moved)).get(0));
  }

  private static void require(Role a, String what) { require(a, a, what); }

  private static void require(Role a, Role b, String what) {
    var actor = Actors.actor();
    if (actor.has(a) || actor.has(b) || actor.has(Role.ADMIN) && a != Role.APPROVER) return;
    throw new ForbiddenException(what + " requires the role " + (a == b ? a.name().toLowerCase()
        : a.name().toLowerCase() + " or " + b.name().toLowerCase()) + "; " + actor.name() + " has " + actor.roles());
  }

  private static FindingState parseState(String field, String s) {
    try {
      return FindingState.fromWire(s);
    } catch (IllegalArgumentException e) {
      throw new FieldException(field, e.getMessage());
    }
  }

  private static Instant instant(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new FieldException("expiresAt", "must be a time like 2027-03-01T00:00:00Z, was '" + s + "'");
    }
  }
}
