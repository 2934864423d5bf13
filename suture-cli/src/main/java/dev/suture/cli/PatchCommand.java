package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** `suture patch`: patches proposed from open findings (docs/proposals.md). */
@Command(name = "patch", mixinStandardHelpOptions = true, description = "Patches: propose them from open findings.",
        subcommands = {PatchCommand.Propose.class})
final class PatchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "propose", mixinStandardHelpOptions = true,
            description = {"Without ID: list the proposed patches (open findings grouped by package, highest fixed version",
                    "and environment), most urgent first.",
                    "With ID: create that proposal's Patch and a Plan copied from --plan-template (targets replaced with the",
                    "proposal's environment), in one step, and mark its findings patch-planned."})
    static final class Propose extends ClientCommand {
        /** Lists longer than this show their first items and "+N". */
        static final int SHOWN = 3;

        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "a proposal id from the listing")
        String id;

        @Option(names = "--environment", paramLabel = "E", description = "list only proposals for this environment")
        String environment;

        @Option(names = "--package", paramLabel = "P", description = "list only proposals for this package (as advisories name it)")
        String packageName;

        @Option(names = "--plan-template", paramLabel = "NAME", description = "the Plan to copy (required with ID)")
        String planTemplate;

        @Option(names = "--plan-name", paramLabel = "N", description = "name of the new Plan (default: the proposal id)")
        String planName;

        @Option(names = "--patch-name", paramLabel = "N", description = "name of the new Patch (default: the proposal id)")
        String patchName;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json")
        String output = "table";

        @Override
        public Integer call() {
            if (!output.equals("table") && !output.equals("json")) {
                throw new ParameterException(spec.commandLine(), "--output: must be table or json, was '" + output + "'");
            }
            if (id == null) {
                if (planTemplate != null || planName != null || patchName != null) {
                    throw new ParameterException(spec.commandLine(),
                            "--plan-template, --plan-name and --patch-name create a proposal: give its ID");
                }
                return list();
            }
            if (environment != null || packageName != null) {
                throw new ParameterException(spec.commandLine(), "--environment and --package filter the listing; not used with ID");
            }
            if (planTemplate == null || planTemplate.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--plan-template is required with ID (the Plan to copy)");
            }
            return create();
        }

        private int list() {
            StringBuilder p = new StringBuilder(ApiClient.API + "/proposals");
            String sep = "?";
            if (environment != null) {
                p.append(sep).append("environment=").append(VulnCommands.q(environment));
                sep = "&";
            }
            if (packageName != null) {
                p.append(sep).append("package=").append(VulnCommands.q(packageName));
            }
            ApiClient.Response r = api().get(p.toString());
            if (output.equals("json")) {
                printRaw(r.body());
                return 0;
            }
            Table t = new Table("ID", "PACKAGE", "FIXED", "ENV", "ASSETS", "CVES", "PRIORITY", "DUE");
            for (JsonNode x : r.json()) {
                t.row(x.path("id").asText(), x.path("packageName").asText(), x.path("fixedVersion").asText(),
                        x.path("environment").asText(), shortList(x.path("assets")), shortList(x.path("cves")),
                        x.path("priority").asText(), x.path("due").isTextual() ? x.path("due").asText() : "-");
            }
            out().print(t.render());
            out().flush();
            return 0;
        }

        private int create() {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("planTemplate", planTemplate);
            if (planName != null) {
                body.put("planName", planName);
            }
            if (patchName != null) {
                body.put("patchName", patchName);
            }
            ApiClient.Response r = api().postJson(ApiClient.API + "/proposals/" + ApiClient.segment(id), body);
            if (output.equals("json")) {
                printRaw(r.body());
                return 0;
            }
            JsonNode c = r.json();
            JsonNode p = c.path("proposal");
            out().printf("patch/%s created: %s %s, priority %s, %d CVEs%n", c.path("patch").asText(), p.path("packageName").asText(),
                    p.path("fixedVersion").asText(), p.path("priority").asText(), p.path("cves").size());
            out().printf("plan/%s created from %s, targets %s%n", c.path("plan").asText(), planTemplate, c.path("selector").asText());
            out().printf("%d findings patch-planned%s%n", c.path("planned").size(),
                    c.path("skipped").size() > 0 ? ", " + c.path("skipped").size() + " skipped (no longer open)" : "");
            if (c.path("uncoveredAssets").size() > 0) {
                out().println("warning: the plan does not select " + String.join(", ", texts(c.path("uncoveredAssets")))
                        + " (the template's other selector terms exclude them)");
            }
            if (c.path("otherAssets").size() > 0) {
                out().println("note: the plan also selects " + c.path("otherAssets").size() + " other assets ("
                        + shortList(c.path("otherAssets")) + "); the rollout's version probe skips those already at the version");
            }
            out().flush();
            return 0;
        }

        static List<String> texts(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }

        /** {@code a, b, c +2}: the first items and how many more. */
        static String shortList(JsonNode array) {
            List<String> all = texts(array);
            if (all.size() <= SHOWN) {
                return String.join(",", all);
            }
            return String.join(",", all.subList(0, SHOWN)) + " +" + (all.size() - SHOWN);
        }
    }
}
