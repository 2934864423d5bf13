package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.PARSER;
import static dev.suture.core.doc.Parsing.errorsOf;
import static dev.suture.core.doc.Parsing.hasError;
import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchForm;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Envelope, multi-document handling, Asset and Patch; plans are in PlanReadingTest and friends. */
class DocumentParserTest {

  static final String ASSET = """
      apiVersion: suture.dev/v1
      kind: Asset
      metadata:
        name: web-1
        labels: {role: web, tier: frontend}
      spec:
        environment: production
        address: 10.0.0.1
        groups: [web, eu]
        criticality: high
      """;

  static final String PATCH = """
      apiVersion: suture.dev/v1
      kind: Patch
      metadata: {name: openssl-3.0.13}
      spec:
        title: OpenSSL 3.0.13
        kind: security
        form: hotfix
        priority: emergency
        version: 3.0.13-1
        tickets: [OPS-42]
        cves: [CVE-2024-0727, GHSA-xxxx-xxxx-xxxx]
      """;

  @Test
  void readsEveryDocumentOfAMultiDocumentInputInOrder() {
    List<Document> docs = PARSER.parse("all.yaml", ASSET + "---\n" + PATCH + "---\n" + PlanReadingTest.PLAN);

    assertThat(docs).extracting(Document::kind).containsExactly(DocumentKind.ASSET, DocumentKind.PATCH, DocumentKind.PLAN);
    assertThat(docs).extracting(Document::name).containsExactly("web-1", "openssl-3.0.13", "openssl-security");
  }

  @Test
  void readsAnAssetWithLabelsGroupsAndCriticality() {
    Asset asset = PARSER.parse("a.yaml", ASSET).get(0).as(Asset.class);

    assertThat(asset).isEqualTo(new Asset("web-1", "production", "10.0.0.1", List.of("web", "eu"),
        Map.of("role", "web", "tier", "frontend"), Criticality.HIGH));
  }

  @Test
  void readsAPatchWithItsTicketsAndVulnerabilities() {
    Patch patch = PARSER.parse("p.yaml", PATCH).get(0).as(Patch.class);

    assertThat(patch).isEqualTo(new Patch("openssl-3.0.13", "OpenSSL 3.0.13", PatchKind.SECURITY, PatchForm.HOTFIX,
        Priority.EMERGENCY, "3.0.13-1", List.of("OPS-42"), List.of("CVE-2024-0727", "GHSA-xxxx-xxxx-xxxx")));
  }

  @Test
  void fillsAssetAndPatchDefaults() {
    List<Document> docs = PARSER.parse("min.yaml", """
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: db-1}
        spec: {environment: staging}
        ---
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: fix-1}
        spec: {kind: bugfix, priority: routine, version: "2"}
        """);

    assertThat(docs.get(0).as(Asset.class).criticality()).isEqualTo(Criticality.MEDIUM);
    assertThat(docs.get(0).as(Asset.class).address()).isEmpty();
    assertThat(docs.get(1).as(Patch.class).title()).isEqualTo("fix-1");
    assertThat(docs.get(1).as(Patch.class).form()).isEqualTo(PatchForm.PATCH);
  }

  @Test
  void eachDocumentKeepsYamlThatReparsesToAnEqualValue() {
    List<Document> docs = PARSER.parse("all.yaml", "# fleet\n" + ASSET + "---\n" + PATCH + "---\n" + PlanReadingTest.PLAN);

    for (Document d : docs) {
      List<Document> again = PARSER.parse("stored.yaml", d.yaml());
      assertThat(again).singleElement().satisfies(a -> {
        assertThat(a.kind()).isEqualTo(d.kind());
        assertThat(a.value()).isEqualTo(d.value());
      });
    }
  }

  @Test
  void eachDocumentKeepsItsExactYamlWhenAnEarlierDocumentHoldsAnEmoji() {
    String asset = """
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-2}
        spec: {environment: production}
        """;
    String input = """
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: hot}
        spec: {kind: security, priority: high, version: "1", title: "\uD83D\uDD25\uD83D\uDD25 hotfix"}
        ---
        """ + asset;

    Document stored = PARSER.parse("emoji.yaml", input).get(1);

    assertThat(stored.yaml()).isEqualTo(asset.stripTrailing());
    assertThat(PARSER.parse("stored.yaml", stored.yaml()).get(0).value()).isEqualTo(stored.value());
  }

  @Test
  void rejectsAnotherApiVersion() {
    onlyError("""
        apiVersion: suture.dev/v2
        kind: Asset
        metadata: {name: web-1}
        spec: {environment: production}
        """, 1, "apiVersion", "must be suture.dev/v1");
  }

  @Test
  void rejectsAnUnknownKindNamingTheKindsItKnows() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Deployment
        metadata: {name: web-1}
        spec: {}
        """, 2, "kind", "'Deployment'", "Asset, Patch, Plan");
  }

  @Test
  void reportsEachMissingEnvelopeField() {
    List<ValidationError> errors = errorsOf("""
        kind: Asset
        spec: {environment: production}
        """);

    assertThat(errors).hasSize(2);
    hasError(errors, 1, "apiVersion", "is required");
    hasError(errors, 1, "metadata", "is required");
  }

  @Test
  void reportsAMissingNameInsideMetadata() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Asset
        metadata:
          labels: {role: web}
        spec: {environment: production}
        """, 4, "metadata.name", "is required");
  }

  @Test
  void reportsMissingRequiredPatchFieldsAndSaysWhatTheyMayBe() {
    List<ValidationError> errors = errorsOf("""
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: fix-1}
        spec:
          title: a fix
        """);

    assertThat(errors).hasSize(3);
    hasError(errors, 5, "spec.kind", "is required", "security, bugfix, config, performance");
    hasError(errors, 5, "spec.priority", "is required", "emergency, high, routine");
    hasError(errors, 5, "spec.version", "is required");
  }

  @Test
  void rejectsAnUnknownFieldListingTheAllowedOnes() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-1}
        spec:
          environment: production
          adress: 10.0.0.1
        """, 6, "spec.adress", "unknown field", "address");
  }

  @Test
  void rejectsAnEnumValueNamingTheAllowedOnes() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-1}
        spec:
          environment: production
          criticality: extreme
        """, 6, "spec.criticality", "'extreme'", "low, medium, high, critical");
  }

  @Test
  void rejectsAMalformedVulnerabilityIdByItsPosition() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: fix-1}
        spec:
          kind: security
          priority: high
          version: "2"
          cves: [CVE-2024-3094, cve 2024]
        """, 8, "spec.cves[1]", "'cve 2024'", "CVE-2024-3094");
  }

  @Test
  void reportsADuplicateKeyAtTheSecondOccurrence() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-1}
        spec:
          environment: production
          environment: staging
        """, 6, "spec.environment", "duplicate field");
  }

  @Test
  void reportsAYamlSyntaxErrorAtItsLine() {
    ValidationError e = onlyError("""
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-1
        spec: {environment: production}
        """, 4, "", "YAML syntax");
    assertThat(e.source()).isEqualTo("plans.yaml");
  }

  @Test
  void rejectsAnInputWithoutDocuments() {
    onlyError("# nothing here\n", 1, "", "no documents found");
  }

  @Test
  void rejectsADocumentThatIsNotAMapping() {
    hasError(errorsOf("- apiVersion: suture.dev/v1\n"), 1, "", "must be a mapping");
  }

  @Test
  void rejectsTheSameDocumentTwiceInOneInput() {
    String asset = """
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-1}
        spec: {environment: production}
        """;
    List<ValidationError> errors = errorsOf(asset + "---\n" + asset);

    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("metadata.name");
      assertThat(e.message()).contains("Asset 'web-1'", "appears twice");
    });
  }

  @Test
  void allowsTheSameNameForDocumentsOfDifferentKinds() {
    assertThat(PARSER.parse("same.yaml", """
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-1}
        spec: {environment: production}
        ---
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: web-1}
        spec: {kind: config, priority: routine, version: "1"}
        """)).hasSize(2);
  }

  @Test
  void reportsADuplicateDocumentAtTheLineOfItsSecondName() {
    String asset = """
        apiVersion: suture.dev/v1
        kind: Asset
        metadata: {name: web-1}
        spec: {environment: production}
        """;
    onlyError(asset + "---\n" + asset, 8, "metadata.name", "appears twice");
  }

  @Test
  void throwsForAnInputWithOneValidAndOneInvalidDocumentListingOnlyTheInvalidOnesErrors() {
    List<ValidationError> errors = errorsOf(ASSET + """
        ---
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: fix-1}
        spec: {kind: security, priority: soon, version: "1"}
        """);

    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(15);
      assertThat(e.field()).isEqualTo("spec.priority");
      assertThat(e.message()).contains("'soon'", "emergency, high, routine");
    });
  }

  @Test
  void summarisesErrorsInTheExceptionMessageWithFileAndLine() {
    assertThatThrownBy(() -> PARSER.parse("fleet.yaml", "apiVersion: suture.dev/v1\nkind: Nope\nmetadata: {name: x}\nspec: {}\n"))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("fleet.yaml:2: kind:");
  }

  @Test
  void rejectsAnOverlongNameAsAValidationError() {
    onlyError("apiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: " + "a".repeat(300) + "}\n"
        + "spec: {environment: production}\n", 3, "metadata.name", "253");
  }
}
