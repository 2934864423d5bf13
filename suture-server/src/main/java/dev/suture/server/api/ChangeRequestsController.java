package dev.suture.server.api;

import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import dev.suture.core.change.ChangeDraft;
import dev.suture.core.change.ChangeService;
import dev.suture.core.change.ChangeState;
import dev.suture.core.change.ChangeType;
import dev.suture.core.change.InvalidChangeException;
import dev.suture.core.change.NotPermittedException;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.model.Asset;
import dev.suture.core.plan.Plan;
import dev.suture.server.api.ChangeViews.ChangeRequestView;
import dev.suture.server.api.ChangeViews.CommentRequest;
import dev.suture.server.api.ChangeViews.NotesRequest;
import dev.suture.server.api.ChangeViews.ReasonRequest;
import dev.suture.server.api.ChangeViews.SubmitRequest;
import dev.suture.server.security.Allow;
import dev.suture.store.Store;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Change requests: submit, decide (approve / reject), cancel, and the post-hoc review of emergencies. */
@RestController
@RequestMapping("/api/v1/change-requests")
class ChangeRequestsController {
  private final ChangeService changes;
  private final Store store;
  private final Clock clock;

  ChangeRequestsController(ChangeService changes, Store store, Clock clock) {
    this.changes = changes;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Who is acting. Until authentication lands every call is the local operator holding every role
   * (separation of duties still applies: that one person can never approve their own request).
   */
  Actor actor() { return Actors.actor(); }

  @Operation(summary = "Submit a change request (a standard template is approved at once)")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Allow({Role.REQUESTER, Role.OPERATOR, Role.ADMIN})
  ChangeRequestView submit(@RequestBody SubmitRequest body) {
    if (body == null) throw new FieldException("type", "is required");
    if (body.type() == null || body.type().isBlank()) throw new FieldException("type", "is required (standard, normal or emergency)");
    if (body.patch() == null || body.patch().isBlank()) throw new FieldException("patch", "is required");
    if (body.plan() == null || body.plan().isBlank()) throw new FieldException("plan", "is required");
    store.documents().find(DocumentKind.PATCH, body.patch().strip())
        .orElseThrow(() -> new FieldException("patch", "no patch named '" + body.patch().strip() + "'"));
    Plan plan = store.documents().find(DocumentKind.PLAN, body.plan().strip())
        .orElseThrow(() -> new FieldException("plan", "no plan named '" + body.plan().strip() + "'")).as(Plan.class);
    TreeSet<String> envs = new TreeSet<>(body.environments() == null ? List.of() : body.environments());
    if (envs.isEmpty()) {
      // Not given: the environments the plan's selector reaches today (admission re-checks at rollout time).
      store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).filter(plan.targets()::matches)
          .forEach(a -> envs.add(a.environment()));
      if (envs.isEmpty()) throw new FieldException("environments", "not given, and plan " + plan.name() + " selects no assets");
    }
    Actor actor = actor();
    ChangeDraft draft = ChangeDraft.of(ChangeType.fromWire(body.type()), body.patch(), body.plan(), actor.name(), body.title(),
        body.justification(), envs, body.freezeOverride());
    return view(changes.submit(draft, actor));
  }

  @GetMapping
  @Allow({Role.VIEWER, Role.REQUESTER, Role.APPROVER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  List<ChangeRequestView> list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) throw new FieldException("limit", "must be between 1 and 1000");
    ChangeState s = null;
    if (state != null && !state.isBlank()) {
      try {
        s = ChangeState.valueOf(state.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new FieldException("state", "'" + state + "' is not one of submitted, approved, rejected, cancelled, implemented");
      }
    }
    return changes.list(s, limit).stream().map(this::view).toList();
  }

  @GetMapping("/{id}")
  @Allow({Role.VIEWER, Role.REQUESTER, Role.APPROVER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN})
  ChangeRequestView get(@PathVariable String id) { return view(changes.find(id)); }

  /*
   * Operators reach approve and reject because on-call authority (suture.change.on-call) lets an
   * on-call engineer decide an emergency without the approver role; ChangeDecisions refuses an
   * operator anything else (403), so the role annotation is the outer bound, not the rule.
   */
  @PostMapping("/{id}/approve")
  @Allow({Role.APPROVER, Role.OPERATOR})
  ChangeRequestView approve(@PathVariable String id, @RequestBody(required = false) CommentRequest body) {
    return view(changes.approve(id, actor(), body == null ? null : body.comment()));
  }

  @PostMapping("/{id}/reject")
  @Allow({Role.APPROVER, Role.OPERATOR})
  ChangeRequestView reject(@PathVariable String id, @RequestBody(required = false) ReasonRequest body) {
    return view(changes.reject(id, actor(), body == null ? null : body.reason()));
  }

  @Operation(summary = "Cancel (the requester, an operator or an admin)")
  @PostMapping("/{id}/cancel")
  @Allow({Role.REQUESTER, Role.OPERATOR, Role.ADMIN})
  ChangeRequestView cancel(@PathVariable String id) { return view(changes.cancel(id, actor())); }

  @Operation(summary = "Record the post-hoc review of an emergency change")
  @PostMapping("/{id}/review")
  @Allow({Role.APPROVER, Role.OPERATOR})
  ChangeRequestView review(@PathVariable String id, @RequestBody(required = false) NotesRequest body) {
    return view(changes.recordReview(id, actor(), body == null ? null : body.notes()));
  }

  private ChangeRequestView view(dev.suture.core.change.ChangeRequest cr) {
    return ChangeRequestView.of(cr, changes.decisions().policy(), clock.instant());
  }

  @ExceptionHandler(NotPermittedException.class)
  ProblemDetail notPermitted(NotPermittedException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    p.setTitle("Not permitted");
    return p;
  }

  /** Same shape as {@link FieldException}'s problem: the field is named. */
  @ExceptionHandler(InvalidChangeException.class)
  ProblemDetail invalid(InvalidChangeException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setTitle("Invalid request");
    p.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
    return p;
  }
}
