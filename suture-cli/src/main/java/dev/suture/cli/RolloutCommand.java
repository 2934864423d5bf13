package dev.suture.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `suture rollout ...`: start, inspect and steer rollouts. */
@Command(name = "rollout", mixinStandardHelpOptions = true, description = "Start, inspect and steer rollouts.",
        subcommands = {RolloutCommand.Start.class, RolloutCommand.Status.class, RolloutCommand.ListRollouts.class,
                RolloutWatchCommand.class, RolloutCommand.Pause.class, RolloutCommand.Resume.class,
                RolloutCommand.Abort.class, RolloutCommand.Promote.class, RolloutCommand.Rollback.class})
public final class RolloutCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String path(String id) {
        return ApiClient.API + "/rollouts/" + ApiClient.segment(id);
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start a rollout of a patch with a plan; prints the rollout id.",
                    "Protected environments (production) need --change with an APPROVED change request: see suture change."})
    static final class Start extends ClientCommand {
        @Option(names = "--plan", required = true, paramLabel = "NAME", description = "Plan name")
        String plan;

        @Option(names = "--patch", required = true, paramLabel = "ID", description = "Patch id")
        String patch;

        @Option(names = "--change", paramLabel = "CR", description = "Approved change request id (required for protected environments such as production)")
        String change;

        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("plan", plan).put("patch", patch);
            if (change != null) {
                body.put("changeRequest", change);
            }
            String id = Json.text(api().postJson(ApiClient.API + "/rollouts", body).json(), "id");
            if (id == null) {
                throw new CliException(ExitCodes.ERROR, "server accepted the rollout but sent no id");
            }
            out().println(output.json() ? Json.compact(JsonNodeFactory.instance.objectNode().put("id", id)) : id);
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show a rollout: state, stages, counts and every target.")
    static final class Status extends ClientCommand {
        @Parameters(paramLabel = "ID", description = "Rollout id")
        String id;

        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            ApiClient.Response response = api().get(path(id), "rollout", id);
            if (output.json()) {
                printRaw(response.body());
            } else {
                out().print(RolloutFormat.status(RolloutView.from(response.json()), zone()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List rollouts, newest first.")
    static final class ListRollouts extends ClientCommand {
        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            ApiClient.Response response = api().get(ApiClient.API + "/rollouts");
            if (output.json()) {
                printRaw(response.body());
            } else {
                out().print(ResourceTables.render("rollout", response.json()));
            }
            return ExitCodes.OK;
        }
    }

    /** POST /rollouts/{id}/VERB; prints the new state. */
    abstract static class Verb extends ClientCommand {
        @Parameters(paramLabel = "ID", description = "Rollout id")
        String id;

        @Mixin
        OutputOption output;

        abstract String verb();

        @Override
        public Integer call() {
            ApiClient api = api();
            ApiClient.Response response = ApiClient.notFoundAs(() -> api.post(path(id) + "/" + verb(), "", "application/json"),
                    "rollout", id);
            if (output.json()) {
                printRaw(response.body());
            } else {
                out().println(Json.text(response.json(), "state"));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause a running rollout (in-flight targets finish).")
    static final class Pause extends Verb {
        @Override
        String verb() {
            return "pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused rollout.")
    static final class Resume extends Verb {
        @Override
        String verb() {
            return "resume";
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true, description = "Abort a rollout.")
    static final class Abort extends Verb {
        @Override
        String verb() {
            return "abort";
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Roll back now: cancel in-flight actions and restore every touched target, skipping the plan's checks.")
    static final class Rollback extends Verb {
        @Override
        String verb() {
            return "rollback";
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Promote a rollout waiting at a gate (skip the rest of a bake or approve an inconclusive check).")
    static final class Promote extends Verb {
        @Override
        String verb() {
            return "promote";
        }
    }
}
