package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `suture change ...`: submit, list, show and decide change requests (docs/change-requests.md). */
@Command(name = "change", mixinStandardHelpOptions = true,
        description = {"Submit, list, show and decide change requests.",
                "A production rollout needs an APPROVED change request: suture rollout start --plan P --patch X --change CR."},
        subcommands = {ChangeCommand.Submit.class, ChangeCommand.ListChanges.class, ChangeCommand.Show.class,
                ChangeDecisionCommands.Approve.class, ChangeDecisionCommands.Reject.class,
                ChangeDecisionCommands.Cancel.class, ChangeDecisionCommands.Review.class})
public final class ChangeCommand implements Runnable {

    /** Lower case on purpose: the wire names; Main accepts any case. */
    enum Type { normal, standard, emergency }

    enum State { submitted, approved, rejected, cancelled, implemented }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String path(String id) {
        return ApiClient.API + "/change-requests/" + ApiClient.segment(id);
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Submit a change request to roll a patch out with a plan; prints its id.",
                    "Standard changes (templated plans) are approved at once; normal ones need the quorum of approvers;",
                    "emergency ones need --justification and one approver, and a review afterwards."})
    static final class Submit extends ClientCommand {
        @Option(names = "--type", required = true, paramLabel = "TYPE", description = "normal, standard or emergency")
        Type type;

        @Option(names = "--patch", required = true, paramLabel = "ID", description = "Patch id")
        String patch;

        @Option(names = "--plan", required = true, paramLabel = "NAME", description = "Plan name")
        String plan;

        @Option(names = "--title", required = true, paramLabel = "TEXT", description = "One-line summary")
        String title;

        @Option(names = "--justification", paramLabel = "TEXT", description = "Why (required for emergency)")
        String justification;

        @Option(names = "--freeze-override", paramLabel = "TEXT",
                description = "Why an emergency must pass a freeze covering its environments")
        String freezeOverride;

        @Option(names = "--env", paramLabel = "ENV",
                description = "Environment covered (repeatable; default: those the plan selects today)")
        List<String> environments;

        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("type", type.name()).put("patch", patch)
                    .put("plan", plan).put("title", title);
            if (justification != null) {
                body.put("justification", justification);
            }
            if (freezeOverride != null) {
                body.put("freezeOverride", freezeOverride);
            }
            if (environments != null) {
                environments.forEach(body.putArray("environments")::add);
            }
            ApiClient.Response response = api().postJson(ApiClient.API + "/change-requests", body);
            if (output.json()) {
                printRaw(response.body());
                return ExitCodes.OK;
            }
            String id = Json.text(response.json(), "id");
            if (id == null) {
                throw new CliException(ExitCodes.ERROR, "server accepted the change request but sent no id");
            }
            out().println(id);
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List change requests, newest first.")
    static final class ListChanges extends ClientCommand {
        @Option(names = "--state", paramLabel = "STATE",
                description = "Only this state: submitted, approved, rejected, cancelled or implemented")
        State state;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N (1-1000). Default: ${DEFAULT-VALUE}")
        int limit;

        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            String query = "?limit=" + limit + (state == null ? "" : "&state=" + state.name());
            ApiClient.Response response = api().get(ApiClient.API + "/change-requests" + query);
            if (output.json()) {
                printRaw(response.body());
                return ExitCodes.OK;
            }
            out().print(ChangeFormat.table(response.json()));
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a change request: who asked, approvals and quorum, rejection, review and rollout.")
    static final class Show extends ClientCommand {
        @Parameters(paramLabel = "ID", description = "Change request id")
        String id;

        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            ApiClient.Response response = api().get(path(id), "change request", id);
            if (output.json()) {
                printRaw(response.body());
                return ExitCodes.OK;
            }
            JsonNode cr = response.json();
            out().print(ChangeFormat.show(cr));
            out().flush();
            return ExitCodes.OK;
        }
    }
}
