package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `suture get KIND [NAME]`. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "List assets, patches, plans, rollouts or incidents, or show one by name/id.")
public final class GetCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "assets|patches|plans|rollouts|incidents")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Name or id of one resource")
    String name;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        String singular = singular(kind);
        String path = ApiClient.API + "/" + plural(singular);
        ApiClient api = api();
        if (name == null) {
            ApiClient.Response response = api.get(path);
            if (output.json()) {
                printRaw(response.body());
            } else {
                out().print(ResourceTables.render(singular, response.json()));
            }
            return ExitCodes.OK;
        }
        if ("incident".equals(singular)) {
            return showIncident(api.get(path).json());
        }
        ApiClient.Response response = api.get(path + "/" + ApiClient.segment(name), singular, name);
        if (output.json()) {
            printRaw(response.body());
        } else if ("rollout".equals(singular)) {
            out().print(RolloutFormat.status(RolloutView.from(response.json()), zone()));
        } else {
            out().print(ResourceTables.render(singular, JsonNodeFactory.instance.arrayNode().add(response.json())));
        }
        return ExitCodes.OK;
    }

    /** There is no GET /incidents/{id}: pick it from the list, by incident id or rollout id. */
    private int showIncident(JsonNode incidents) {
        for (JsonNode incident : incidents) {
            if (name.equals(Json.text(incident, "id")) || name.equals(Json.text(incident, "rolloutId"))) {
                if (output.json()) {
                    out().println(Json.pretty(incident));
                } else {
                    out().print(ResourceTables.render("incident", JsonNodeFactory.instance.arrayNode().add(incident)));
                }
                return ExitCodes.OK;
            }
        }
        throw new CliException(ExitCodes.ERROR, "no such incident: " + name);
    }

    static String singular(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "asset", "assets" -> "asset";
            case "patch", "patches" -> "patch";
            case "plan", "plans" -> "plan";
            case "rollout", "rollouts" -> "rollout";
            case "incident", "incidents" -> "incident";
            default -> throw new CliException(ExitCodes.USAGE,
                    "unknown kind '" + kind + "': expected assets, patches, plans, rollouts or incidents");
        };
    }

    static String plural(String singular) {
        return "patch".equals(singular) ? "patches" : singular + "s";
    }
}
