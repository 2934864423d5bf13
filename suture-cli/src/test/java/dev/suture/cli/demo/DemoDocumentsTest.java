package dev.suture.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDocumentsTest {

    static final String EXAMPLE_HEADER = """
            # A static copy of the documents `suture demo` applies. The demo generates them at run time
            # with real free ports and state directories under its temp dir; the ports (18081-18092) and
            # /tmp/suture-demo/fleet/... paths here are placeholders. Bakes are seconds so the demo takes
            # a minute; a real production plan would bake and observe for 15m.
            """;

    static DemoFleet exampleFleet() {
        return DemoFleet.layout(Path.of("/tmp/suture-demo/fleet"),
                List.of(18081, 18082, 18083, 18084, 18085, 18086, 18087, 18088, 18089, 18090, 18091, 18092));
    }

    @Test
    void fleetHasTwoStagingAndTenProductionServices() {
        DemoFleet fleet = exampleFleet();

        assertThat(fleet.in("staging")).extracting(DemoTarget::name).containsExactly("stg-web-01", "stg-web-02");
        assertThat(fleet.in("production")).hasSize(10).first().extracting(DemoTarget::name).isEqualTo("prod-web-01");
        assertThat(fleet.in("production").get(9).name()).isEqualTo("prod-web-10");
    }

    @Test
    void assetsCarryAddressLabelsAndStateDir() {
        String yaml = DemoDocuments.assets(exampleFleet().targets(), "");

        assertThat(yaml.split("(?m)^---$")).hasSize(12);
        assertThat(yaml).contains("""
                apiVersion: suture.dev/v1
                kind: Asset
                metadata:
                  name: prod-web-01
                  labels: {env: production, role: web, stateDir: "/tmp/suture-demo/fleet/prod-web-01"}
                spec:
                  environment: production
                  address: "127.0.0.1:18083"
                  groups: [web]
                  criticality: medium
                """);
    }

    @Test
    void plansTargetEachEnvironmentWithTheSop() {
        String yaml = DemoDocuments.plans("");

        assertThat(yaml).contains("metadata: {name: web-sop-staging}", "targets: {selector: \"env=staging,role=web\"}",
                "metadata: {name: web-sop-production}", "targets: {selector: \"env=production,role=web\"}",
                "    apply: [\"sh\", \"-c\", \"printf '%s' \\\"$1\\\" > \\\"$2/version\\\"\", \"apply\", \"{{patch.version}}\","
                        + " \"{{target.labels.stateDir}}\"]\n",
                "    - canary: {count: 1, bake: 5s}\n",
                "    - wave: {percent: 50, maxConcurrency: 2, maxErrors: 0, observe: 5s}\n",
                "    - verify: {checks: [health]}\n",
                "  onFailure: {rollback: automatic, incident: P1}\n");
    }

    /** With a Prometheus the production plan gates on error ratios; the server's parser must accept it. */
    @Test
    void meteredPlansGateProductionOnTheErrorRatio() {
        String yaml = DemoDocuments.plans("", "http://127.0.0.1:19090");
        var docs = new dev.suture.core.doc.DocumentParser(java.util.Set.of("command")).parse("plans.yaml", yaml);
        var production = docs.get(1).as(dev.suture.core.plan.Plan.class);

        assertThat(production.check("error-ratio")).isPresent();
        var check = production.check("error-ratio").get();
        assertThat(((dev.suture.core.plan.CheckSpec.Prometheus) check.probe()).address()).isEqualTo("http://127.0.0.1:19090");
        assertThat(check.measure().interval()).contains(java.time.Duration.ofSeconds(2));
        assertThat(yaml).contains("    - canary: {count: 1, bake: 10s, checks: [health, error-ratio]}\n");
        // staging and the plain variant are unchanged
        assertThat(docs.get(0).as(dev.suture.core.plan.Plan.class).check("error-ratio")).isEmpty();
        assertThat(DemoDocuments.plans("")).doesNotContain("error-ratio");
    }

    /** examples/demo is the copy a user reads; it must say what the demo really applies. */
    @Test
    void examplesInTheRepositoryMatchTheGenerator() throws IOException {
        Path examples = Path.of(System.getProperty("suture.repo", "..")).resolve("examples/demo");
        String fleet = DemoDocuments.assets(exampleFleet().targets(), EXAMPLE_HEADER);
        String patches = DemoDocuments.patches(EXAMPLE_HEADER);
        String plans = DemoDocuments.plans(EXAMPLE_HEADER);
        if (Boolean.getBoolean("suture.writeExamples")) {
            Files.createDirectories(examples);
            Files.writeString(examples.resolve("fleet.yaml"), fleet);
            Files.writeString(examples.resolve("patches.yaml"), patches);
            Files.writeString(examples.resolve("plans.yaml"), plans);
        }
        assertThat(examples.resolve("fleet.yaml")).hasContent(fleet);
        assertThat(examples.resolve("patches.yaml")).hasContent(patches);
        assertThat(examples.resolve("plans.yaml")).hasContent(plans);
    }
}
