package dev.suture.core.propose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.doc.InvalidDocumentException;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchForm;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.plan.Plan;
import dev.suture.core.plan.TargetSelector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProposalDocumentsTest {
  static final DocumentParser PARSER = new DocumentParser(Set.of("command"));
  static final String TEMPLATE = """
      # a comment the copy may drop
      apiVersion: suture.dev/v1
      kind: Plan
      metadata: {name: web-sop, labels: {team: web}}
      spec:
        targets: {selector: "env=staging,role=web,name=old-host"}
        executor:
          type: command
          apply: [echo, on, 1.10, "{{patch.version}}"]
          version: [cat, /etc/version]
        stages:
          - canary: {count: 1, bake: 5m}
          - wave: {percent: 100, maxConcurrency: 2, maxErrors: 0}
      """;

  static Proposal proposal(List<String> assets, String env) {
    return new Proposal(ProposalIds.of("openssl", "1:3.0.15-1~deb12u1", env), "Debian:12", "openssl", "1:3.0.15-1~deb12u1", env, assets,
        List.of("DSA-5000-1", "DEBIAN-CVE-2024-1"), List.of("CVE-2024-1", "CVE-2024-2"), Priority.HIGH, Optional.empty(),
        assets.stream().map(a -> new FindingKey(a, "DSA-5000-1", "openssl")).toList());
  }

  @Test void thePatchIsASecurityPatchToTheFixedVersionWithTheCvesAndPriority() {
    Proposal p = proposal(List.of("web-1", "web-2"), "production");
    List<Document> docs = PARSER.parse("t", ProposalDocuments.patchYaml(p, "my-patch"));
    Patch patch = docs.get(0).as(Patch.class);
    assertThat(patch.id()).isEqualTo("my-patch");
    assertThat(patch.kind()).isEqualTo(PatchKind.SECURITY);
    assertThat(patch.form()).isEqualTo(PatchForm.PATCH);
    assertThat(patch.priority()).isEqualTo(Priority.HIGH);
    assertThat(patch.version()).isEqualTo("1:3.0.15-1~deb12u1");
    assertThat(patch.cves()).containsExactly("CVE-2024-1", "CVE-2024-2");
    assertThat(patch.title()).isEqualTo("openssl 1:3.0.15-1~deb12u1 on production (Debian:12, 2 assets, 2 CVEs)");
    assertThat(docs.get(0).yaml()).contains("suture.dev/proposal: " + p.id());
    // A version YAML would read as a number keeps its text.
    Proposal numeric = new Proposal("x-1.10-production", "PyPI", "x", "1.10", "production", List.of("web-1"), List.of("PYSEC-1"),
        List.of(), Priority.ROUTINE, Optional.empty(), List.of(new FindingKey("web-1", "PYSEC-1", "x")));
    assertThat(PARSER.parse("t", ProposalDocuments.patchYaml(numeric, "x")).get(0).as(Patch.class).version()).isEqualTo("1.10");
    Proposal yes = new Proposal("yes-on-production", "PyPI", "yes", "on", "production", List.of("web-1"), List.of("PYSEC-1"),
        List.of(), Priority.ROUTINE, Optional.empty(), List.of(new FindingKey("web-1", "PYSEC-1", "yes")));
    assertThat(PARSER.parse("t", ProposalDocuments.patchYaml(yes, "true")).get(0).as(Patch.class))
        .satisfies(x -> assertThat(x.version()).isEqualTo("on")).satisfies(x -> assertThat(x.id()).isEqualTo("true"));
  }

  @Test void thePlanIsTheTemplateWithItsNameAndTargetsReplacedAndEverythingElseKept() {
    Proposal p = proposal(List.of("web-1", "web-2"), "production");
    Document template = PARSER.parse("t", TEMPLATE).get(0);
    String selector = ProposalDocuments.selector(p, template.as(Plan.class).targets());
    assertThat(selector).isEqualTo("env=production,role=web");
    String yaml = ProposalDocuments.planYaml(p, "web-sop", template.yaml(), "openssl-prod", selector);
    Document copy = PARSER.parse("copy", yaml).get(0);
    assertThat(copy.kind()).isEqualTo(DocumentKind.PLAN);
    assertThat(copy.name()).isEqualTo("openssl-prod");
    Plan plan = copy.as(Plan.class);
    Plan original = template.as(Plan.class);
    assertThat(plan.targets().expression()).isEqualTo("env=production,role=web");
    // "on" and 1.10 are text in the template; a round trip through Java values would make them true and 1.1.
    assertThat(plan.executor().apply()).containsExactly("echo", "on", "1.10", "{{patch.version}}");
    assertThat(plan.stages()).isEqualTo(original.stages());
    assertThat(plan.executor()).isEqualTo(original.executor());
    assertThat(yaml).contains("team: web").contains("suture.dev/plan-template: web-sop")
        .contains("suture.dev/proposal: " + p.id());
  }

  @Test void aSingleAssetIsTargetedByNameAndTheEnvironmentKeyDefaultsToEnvironment() {
    Proposal one = proposal(List.of("web-1"), "production");
    assertThat(ProposalDocuments.selector(one, TargetSelector.parse("role=web,tier!=db")))
        .isEqualTo("environment=production,name=web-1,role=web,tier!=db");
    assertThat(ProposalDocuments.selector(one, TargetSelector.parse("environment!=staging,role=web")))
        .isEqualTo("environment=production,name=web-1,role=web");
    Proposal comma = proposal(List.of("a", "b"), "prod,eu");
    assertThatThrownBy(() -> ProposalDocuments.selector(comma, TargetSelector.parse("role=web")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("environment 'prod,eu'");
  }

  @Test void coverageNamesTheProposalsAssetsTheSelectorMissesAndTheOthersItSelects() {
    Proposal p = proposal(List.of("web-1", "db-1"), "production");
    Map<String, Asset> assets = Map.of(
        "web-1", new Asset("web-1", "production", "", List.of(), Map.of("role", "web"), Criticality.HIGH),
        "web-3", new Asset("web-3", "production", "", List.of(), Map.of("role", "web"), Criticality.HIGH),
        "db-1", new Asset("db-1", "production", "", List.of(), Map.of("role", "db"), Criticality.HIGH),
        "web-9", new Asset("web-9", "staging", "", List.of(), Map.of("role", "web"), Criticality.HIGH));
    ProposalDocuments.Coverage c = ProposalDocuments.coverage(p, "env=production,role=web", assets);
    assertThat(c.uncovered()).containsExactly("db-1");
    assertThat(c.others()).containsExactly("web-3");
  }

  @Test void aBadNameIsReportedByTheParserLikeAnyDocument() {
    Proposal p = proposal(List.of("web-1"), "production");
    assertThatThrownBy(() -> PARSER.parse("t", ProposalDocuments.patchYaml(p, "bad\u0001name")))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("metadata.name").hasMessageContaining("control characters");
  }
}
