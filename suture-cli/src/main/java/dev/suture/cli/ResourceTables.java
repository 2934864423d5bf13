package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables for the list endpoints. docs/api.md fixes the rollout and incident fields but not the
 * asset/patch/plan ones, so each cell accepts the flat name and the document-shaped path.
 */
public final class ResourceTables {

    private ResourceTables() {}

    public static String render(String kind, JsonNode items) {
        Table table = switch (kind) {
            case "asset" -> new Table("name", "environment", "address", "groups", "criticality", "labels");
            case "patch" -> new Table("id", "version", "kind", "form", "priority", "title", "cves");
            case "plan" -> new Table("name", "selector", "executor", "stages");
            case "rollout" -> new Table("id", "plan", "patch", "state", "created", "updated");
            case "incident" -> new Table("id", "priority", "state", "rollout", "title", "created");
            default -> throw new IllegalArgumentException(kind);
        };
        for (JsonNode item : items) {
            switch (kind) {
                case "asset" -> table.row(Json.text(item, "name", "metadata.name"),
                        Json.text(item, "environment", "spec.environment"),
                        Json.text(item, "address", "spec.address"),
                        Json.text(item, "groups", "spec.groups"),
                        Json.text(item, "criticality", "spec.criticality"),
                        Json.text(item, "labels", "metadata.labels"));
                // spec.kind before kind: in the document shape "kind" is the document kind ("Patch")
                case "patch" -> table.row(Json.text(item, "id", "name", "metadata.name"),
                        Json.text(item, "version", "spec.version"),
                        Json.text(item, "spec.kind", "patchKind", "kind"),
                        Json.text(item, "form", "spec.form"),
                        Json.text(item, "priority", "spec.priority"),
                        Json.text(item, "title", "spec.title"),
                        Json.text(item, "cves", "spec.cves"));
                case "plan" -> table.row(Json.text(item, "name", "metadata.name"),
                        Json.text(item, "targets.selector", "spec.targets.selector", "selector"),
                        Json.text(item, "executor.type", "spec.executor.type", "executor"),
                        stages(Json.find(item, "stages", "spec.stages")));
                case "rollout" -> table.row(Json.text(item, "id"), Json.text(item, "plan"),
                        Json.text(item, "patch"), Json.text(item, "state"),
                        Json.text(item, "createdAt"), Json.text(item, "updatedAt"));
                default -> table.row(Json.text(item, "id"), Json.text(item, "priority"),
                        Json.text(item, "state"), Json.text(item, "rolloutId"),
                        Json.text(item, "title"), Json.text(item, "createdAt"));
            }
        }
        return table.size() == 0 ? "no " + kind + "s\n" : table.render();
    }

    /** [{"canary":{...}}, {"type":"wave"}] → "canary,wave". */
    static String stages(JsonNode stages) {
        if (stages == null || !stages.isArray()) {
            return null;
        }
        List<String> types = new ArrayList<>();
        for (JsonNode stage : stages) {
            if (stage.isTextual()) {
                types.add(stage.asText());
            } else if (stage.has("type")) {
                types.add(stage.get("type").asText());
            } else if (stage.isObject() && stage.size() > 0) {
                types.add(stage.fieldNames().next());
            }
        }
        return String.join(",", types);
    }
}
