package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `suture change approve|reject|cancel|review ID`: one POST each, one line with the new state. */
final class ChangeDecisionCommands {
    private ChangeDecisionCommands() {}

    abstract static class Verb extends ClientCommand {
        @Parameters(paramLabel = "ID", description = "Change request id")
        String id;

        @Mixin
        OutputOption output;

        abstract String verb();

        abstract ObjectNode body();

        abstract String line(JsonNode cr);

        @Override
        public Integer call() {
            ApiClient api = api();
            ApiClient.Response response = ApiClient.notFoundAs(
                    () -> api.postJson(ChangeCommand.path(id) + "/" + verb(), body()), "change request", id);
            if (output.json()) {
                printRaw(response.body());
                return ExitCodes.OK;
            }
            out().println(line(response.json()) + ": " + Json.text(response.json(), "state"));
            out().flush();
            return ExitCodes.OK;
        }

        static ObjectNode object() {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a change request (approver; never your own). Prints e.g. \"approved by bob (1 of 2): SUBMITTED\".")
    static final class Approve extends Verb {
        @Option(names = "--comment", paramLabel = "TEXT", description = "Optional comment kept with the approval")
        String comment;

        @Override
        String verb() {
            return "approve";
        }

        @Override
        ObjectNode body() {
            ObjectNode body = object();
            return comment == null ? body : body.put("comment", comment);
        }

        @Override
        String line(JsonNode cr) {
            JsonNode approvals = cr.path("approvals");
            // The server appends the new approval last; on a repeated approval it is still there (approvals are per person).
            String by = approvals.size() == 0 ? "?" : Json.text(approvals.get(approvals.size() - 1), "approver");
            return "approved by " + by + " (" + cr.path("quorum").path("approvals").asInt() + " of "
                    + cr.path("quorum").path("needed").asInt() + ")";
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a change request, with a reason (approver).")
    static final class Reject extends Verb {
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (required)")
        String reason;

        @Override
        String verb() {
            return "reject";
        }

        @Override
        ObjectNode body() {
            return object().put("reason", reason);
        }

        @Override
        String line(JsonNode cr) {
            return "rejected by " + Json.text(cr, "rejection.by");
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a change request (its requester, an operator or an admin).")
    static final class Cancel extends Verb {
        @Override
        String verb() {
            return "cancel";
        }

        @Override
        ObjectNode body() {
            return object();
        }

        @Override
        String line(JsonNode cr) {
            return "cancelled " + Json.text(cr, "id");
        }
    }

    @Command(name = "review", mixinStandardHelpOptions = true,
            description = "Record the post-hoc review of an approved emergency change (approver or operator; not the requester).")
    static final class Review extends Verb {
        @Option(names = "--notes", required = true, paramLabel = "TEXT", description = "Review notes (required)")
        String notes;

        @Override
        String verb() {
            return "review";
        }

        @Override
        ObjectNode body() {
            return object().put("notes", notes);
        }

        @Override
        String line(JsonNode cr) {
            return "review by " + Json.text(cr, "review.doneBy") + " recorded (review " + Json.text(cr, "review.status") + ")";
        }
    }
}
