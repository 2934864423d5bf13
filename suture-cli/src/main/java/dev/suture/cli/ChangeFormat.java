package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Human-readable change requests: the list table and `change show`. Absent values print as "-". */
final class ChangeFormat {
    private ChangeFormat() {}

    static String table(JsonNode list) {
        Table t = new Table("ID", "TYPE", "STATE", "PATCH", "PLAN", "REQUESTER", "APPROVALS", "CREATED");
        for (JsonNode cr : list) {
            t.row(Json.text(cr, "id"), Json.text(cr, "type"), Json.text(cr, "state"), Json.text(cr, "patch"),
                    Json.text(cr, "plan"), Json.text(cr, "requester"), quorum(cr), Json.text(cr, "createdAt"));
        }
        return t.render();
    }

    /** "1/2": approvals from distinct people over the number the type needs. */
    static String quorum(JsonNode cr) {
        JsonNode q = cr.path("quorum");
        return q.isMissingNode() ? null : q.path("approvals").asInt() + "/" + q.path("needed").asInt();
    }

    static String show(JsonNode cr) {
        StringBuilder out = new StringBuilder();
        out.append("Change request ").append(Json.text(cr, "id")).append('\n');
        field(out, "Type", Json.text(cr, "type"));
        field(out, "State", Json.text(cr, "state"));
        field(out, "Title", Json.text(cr, "title"));
        field(out, "Requester", Json.text(cr, "requester"));
        field(out, "Patch", Json.text(cr, "patch"));
        field(out, "Plan", Json.text(cr, "plan"));
        field(out, "Environments", joined(cr.path("environments")));
        field(out, "Justification", Json.text(cr, "justification"));
        if (Json.text(cr, "freezeOverride") != null) {
            field(out, "Freeze override", Json.text(cr, "freezeOverride"));
        }
        field(out, "Created", Json.text(cr, "createdAt"));
        field(out, "Quorum", Json.find(cr, "quorum") == null ? null
                : cr.path("quorum").path("approvals").asInt() + " of " + cr.path("quorum").path("needed").asInt() + " approvals");
        JsonNode approvals = cr.path("approvals");
        field(out, "Approvals", approvals.size() == 0 ? "none" : "");
        Table who = new Table("approver", "at", "comment");
        approvals.forEach(a -> who.row(Json.text(a, "approver"), Json.text(a, "at"), Json.text(a, "comment")));
        // The table's header line is dropped: the "Approvals:" label heads these rows; "-" marks no comment.
        who.render().lines().skip(1).forEach(line -> out.append("  ").append(line.replaceAll("  -$", "")).append('\n'));
        if (Json.text(cr, "approvedAt") != null) {
            field(out, "Approved", Json.text(cr, "approvedAt"));
        }
        if (Json.find(cr, "rejection") != null) {
            field(out, "Rejected", "by " + Json.text(cr, "rejection.by") + " at " + Json.text(cr, "rejection.at")
                    + ": " + Json.text(cr, "rejection.reason"));
        }
        if (Json.find(cr, "review") != null) {
            String done = Json.text(cr, "review.doneBy") == null ? ""
                    : ", by " + Json.text(cr, "review.doneBy") + " at " + Json.text(cr, "review.doneAt")
                    + ": " + Json.text(cr, "review.notes");
            field(out, "Review", Json.text(cr, "review.status") + ", due " + Json.text(cr, "review.due") + done);
        }
        field(out, "Rollout", Json.text(cr, "rollout"));
        return out.toString();
    }

    private static String joined(JsonNode array) {
        java.util.List<String> items = new java.util.ArrayList<>();
        array.forEach(e -> items.add(e.asText()));
        return items.isEmpty() ? null : String.join(", ", items);
    }

    private static void field(StringBuilder out, String label, String value) {
        String shown = value == null ? "-" : value.replace('\n', ' ');
        out.append(String.format("%-16s %s", label + ":", shown).stripTrailing()).append('\n');
    }
}
