package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import dev.suture.core.plan.Plan;
import dev.suture.core.port.NotFoundException;
import dev.suture.server.api.Views.ApplyResponse;
import dev.suture.server.api.Views.AppliedView;
import dev.suture.server.api.Views.AssetView;
import dev.suture.server.api.Views.PatchView;
import dev.suture.server.api.Views.PlanView;
import dev.suture.store.Store;
import dev.suture.server.security.Allow;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class DocumentsController {
  private final Store store;
  private final DocumentParser parser;

  DocumentsController(Store store, DocumentParser parser) {
    this.store = store;
    this.parser = parser;
  }

  @Operation(summary = "Apply YAML documents (Asset, Patch, Plan); all or nothing")
  @Allow({OPERATOR, ADMIN})
  @PostMapping(path = "/documents", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain", "application/octet-stream"})
  ApplyResponse apply(@RequestBody String yaml, @RequestParam(defaultValue = "request") String source) {
    List<Document> docs = parser.parse(source, yaml);
    var applied = store.documents().apply(docs, Actors.current());
    return new ApplyResponse(applied.stream().map(a -> new AppliedView(a.kind().yamlName(), a.name(), a.action().name().toLowerCase())).toList());
  }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/assets")
  List<AssetView> assets() { return store.documents().list(DocumentKind.ASSET).stream().map(d -> AssetView.of(d.as(Asset.class))).toList(); }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/assets/{name}")
  AssetView asset(@PathVariable String name) { return AssetView.of(find(DocumentKind.ASSET, name).as(Asset.class)); }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/patches")
  List<PatchView> patches() { return store.documents().list(DocumentKind.PATCH).stream().map(d -> PatchView.of(d.as(Patch.class))).toList(); }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/patches/{id}")
  PatchView patch(@PathVariable String id) { return PatchView.of(find(DocumentKind.PATCH, id).as(Patch.class)); }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/plans")
  List<PlanView> plans() { return store.documents().list(DocumentKind.PLAN).stream().map(d -> PlanView.of(d.as(Plan.class), d.yaml())).toList(); }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/plans/{name}")
  PlanView plan(@PathVariable String name) {
    Document d = find(DocumentKind.PLAN, name);
    return PlanView.of(d.as(Plan.class), d.yaml());
  }

  private Document find(DocumentKind kind, String name) {
    return store.documents().find(kind, name).orElseThrow(() -> new NotFoundException(kind.yamlName().toLowerCase(), name));
  }
}
