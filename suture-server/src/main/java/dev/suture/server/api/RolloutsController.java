package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import dev.suture.core.change.RolloutStarter;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.engine.RolloutRequest;
import dev.suture.core.model.Asset;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.Rollout;
import dev.suture.server.api.Views.RolloutDetail;
import dev.suture.server.api.Views.RolloutSummary;
import dev.suture.server.api.Views.StartRequest;
import dev.suture.store.Store;
import dev.suture.server.security.Allow;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rollouts")
class RolloutsController {
  private final Store store;
  private final RolloutEngine engine;
  private final RolloutViews views;
  private final RolloutStarter starter;

  RolloutsController(Store store, RolloutEngine engine, RolloutStarter starter) {
    this.store = store;
    this.engine = engine;
    this.starter = starter;
    this.views = new RolloutViews(store);
  }

  @Operation(summary = "Start a rollout of a patch with a plan")
  @Allow({OPERATOR, ADMIN})
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  RolloutDetail start(@RequestBody StartRequest request) {
    if (request == null || request.plan() == null || request.plan().isBlank()) throw new FieldException("plan", "is required");
    if (request.patch() == null || request.patch().isBlank()) throw new FieldException("patch", "is required");
    var plan = store.documents().find(DocumentKind.PLAN, request.plan())
        .orElseThrow(() -> new FieldException("plan", "no plan named '" + request.plan() + "'"));
    var patch = store.documents().find(DocumentKind.PATCH, request.patch())
        .orElseThrow(() -> new FieldException("patch", "no patch named '" + request.patch() + "'"));
    List<Asset> fleet = store.documents().list(DocumentKind.ASSET).stream().map(d -> d.as(Asset.class)).toList();
    Rollout r = starter.start(new RolloutRequest(plan, patch, fleet, Actors.current()), request.changeRequest());
    return views.detail(r);
  }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping
  List<RolloutSummary> list(@RequestParam(defaultValue = "100") int limit) {
    return store.rollouts().list(Math.max(1, Math.min(limit, 1000))).stream().map(RolloutSummary::of).toList();
  }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/{id}")
  RolloutDetail get(@PathVariable String id) { return views.detail(find(id)); }

  @Operation(summary = "pause | resume | abort | promote | rollback (fast: cancels in-flight actions, skips checks)")
  @Allow({OPERATOR, ADMIN})
  @PostMapping("/{id}/{verb}")
  RolloutDetail control(@PathVariable String id, @PathVariable String verb) {
    ControlVerb v;
    try {
      v = ControlVerb.valueOf(verb.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("verb", verb + " (use pause, resume, abort, promote or rollback)");
    }
    return views.detail(engine.control(id, v, Actors.current()));
  }

  private Rollout find(String id) { return store.rollouts().find(id).orElseThrow(() -> new NotFoundException("rollout", id)); }
}
