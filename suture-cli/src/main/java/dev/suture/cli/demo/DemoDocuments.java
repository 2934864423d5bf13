package dev.suture.cli.demo;

import java.util.List;

/** The YAML documents of the demo: 12 Assets, two Patches, a staging and a production Plan. */
final class DemoDocuments {

    static final String STAGING_PLAN = "web-sop-staging";
    static final String PRODUCTION_PLAN = "web-sop-production";
    static final String GOOD_PATCH = "demo-1.1.0";
    static final String BAD_PATCH = "demo-1.2.0";
    static final String START_VERSION = "1.0.0";
    static final String GOOD_VERSION = "1.1.0";
    static final String BAD_VERSION = "1.2.0";
    static final String REGRESSION = "connection pool exhausted after upgrade";

    /** Short bakes so the demo takes a minute; the narration says production would use 15m. */
    static final List<StagePlan> STAGING_STAGES = List.of(
            StagePlan.of("notify"),
            StagePlan.of("precheck"),
            StagePlan.of("snapshot"),
            StagePlan.of("canary", "count", "1", "bake", "3s"),
            StagePlan.of("wave", "percent", "100", "maxConcurrency", "2", "maxErrors", "0"),
            StagePlan.of("verify", "checks", "[health]"));

    /**
     * With a Prometheus: the canary bake and the first wave's observation also gate on each
     * service's error ratio, measured every 2 s (the canary bake is longer, so the gate sees a few
     * readings of a bad release).
     */
    static final List<StagePlan> METERED_PRODUCTION_STAGES = List.of(
            StagePlan.of("notify"),
            StagePlan.of("precheck", "checks", "[health]"),
            StagePlan.of("snapshot"),
            StagePlan.of("canary", "count", "1", "bake", "10s", "checks", "[health, error-ratio]"),
            StagePlan.of("wave", "percent", "50", "maxConcurrency", "2", "maxErrors", "0", "observe", "5s",
                    "checks", "[health, error-ratio]"),
            StagePlan.of("wave", "percent", "100", "maxConcurrency", "3", "maxErrors", "0"),
            StagePlan.of("verify", "checks", "[health]"));

    static final List<StagePlan> PRODUCTION_STAGES = List.of(
            StagePlan.of("notify"),
            StagePlan.of("precheck"),
            StagePlan.of("snapshot"),
            StagePlan.of("canary", "count", "1", "bake", "5s"),
            StagePlan.of("wave", "percent", "50", "maxConcurrency", "2", "maxErrors", "0", "observe", "5s"),
            StagePlan.of("wave", "percent", "100", "maxConcurrency", "3", "maxErrors", "0"),
            StagePlan.of("verify", "checks", "[health]"));

    private DemoDocuments() {}

    static String assets(List<DemoTarget> targets, String header) {
        StringBuilder out = new StringBuilder(header);
        for (int i = 0; i < targets.size(); i++) {
            DemoTarget t = targets.get(i);
            if (i > 0) {
                out.append("---\n");
            }
            out.append("apiVersion: suture.dev/v1\n")
                    .append("kind: Asset\n")
                    .append("metadata:\n")
                    .append("  name: ").append(t.name()).append('\n')
                    .append("  labels: {env: ").append(t.environment()).append(", role: web, stateDir: ")
                    .append(quote(t.dir().toString())).append("}\n")
                    .append("spec:\n")
                    .append("  environment: ").append(t.environment()).append('\n')
                    .append("  address: ").append(quote(t.address())).append('\n')
                    .append("  groups: [web]\n")
                    .append("  criticality: ").append("production".equals(t.environment()) ? "medium" : "low")
                    .append('\n');
        }
        return out.toString();
    }

    static String patches(String header) {
        return header + """
                apiVersion: suture.dev/v1
                kind: Patch
                metadata: {name: demo-1.1.0}
                spec:
                  title: "Demo service 1.1.0: fixes session fixation"
                  kind: security          # security|bugfix|config|performance
                  form: patch             # patch|hotfix|patchset|backport
                  priority: high          # emergency|high|routine
                  version: "1.1.0"
                  tickets: [OPS-101]
                  cves: [CVE-2026-0001]
                ---
                apiVersion: suture.dev/v1
                kind: Patch
                metadata: {name: demo-1.2.0}
                spec:
                  title: "Demo service 1.2.0: connection pool tuning"
                  kind: performance
                  form: patch
                  priority: routine
                  version: "1.2.0"
                  tickets: [OPS-102]
                  cves: []
                """;
    }

    static String plans(String header) {
        return plans(header, null);
    }

    /** With {@code prometheus} (its URL), the production plan also gates on each service's error ratio. */
    static String plans(String header, String prometheus) {
        return header + plan(STAGING_PLAN, "staging", STAGING_STAGES, null) + "---\n"
                + plan(PRODUCTION_PLAN, "production", prometheus == null ? PRODUCTION_STAGES : METERED_PRODUCTION_STAGES, prometheus);
    }

    static List<StagePlan> stages(String plan, boolean metered) {
        return STAGING_PLAN.equals(plan) ? STAGING_STAGES : metered ? METERED_PRODUCTION_STAGES : PRODUCTION_STAGES;
    }

    private static String plan(String name, String environment, List<StagePlan> stages, String prometheus) {
        StringBuilder out = new StringBuilder();
        out.append("apiVersion: suture.dev/v1\n")
                .append("kind: Plan\n")
                .append("metadata: {name: ").append(name).append("}\n")
                .append("spec:\n")
                .append("  targets: {selector: \"env=").append(environment).append(",role=web\"}\n")
                .append("""
                          executor:
                            type: command
                            apply: ["sh", "-c", "printf '%s' \\"$1\\" > \\"$2/version\\"", "apply", "{{patch.version}}", "{{target.labels.stateDir}}"]
                            version: ["cat", "{{target.labels.stateDir}}/version"]
                            timeout: 30s
                          snapshot:
                            type: command
                            create: ["cp", "{{target.labels.stateDir}}/version", "{{target.labels.stateDir}}/version.snapshot"]
                            restore: ["cp", "{{target.labels.stateDir}}/version.snapshot", "{{target.labels.stateDir}}/version"]
                          checks:
                            - {name: health, http: {url: "http://{{target.address}}/health", expectStatus: 200, timeout: 2s}}
                        """);
        if (prometheus != null) {
            out.append("""
                            - name: error-ratio
                              prometheus:
                                address: PROMETHEUS
                                query: 'sum(rate(demo_errors_total{instance="{{target.address}}"}[15s])) / sum(rate(demo_requests_total{instance="{{target.address}}"}[15s]))'
                                successCondition: "result[0] <= 0.05"
                                failureCondition: "result[0] > 0.05 || isNaN(result[0])"
                                timeout: 2s
                              interval: 2s
                        """.replace("PROMETHEUS", quote(prometheus)));
        }
        out.append("  stages:\n");
        stages.forEach(stage -> out.append("    ").append(stage.yaml()).append('\n'));
        out.append("  onFailure: {rollback: automatic, incident: P1}\n");
        return out.toString();
    }

    /** YAML double-quoted scalar. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
