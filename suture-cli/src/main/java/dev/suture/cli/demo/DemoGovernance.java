package dev.suture.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.suture.cli.ApiClient;
import dev.suture.cli.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The people of the demo and their change requests: alice requests, bob and carol approve (the
 * SOP's CAB; quorum 2 by default). Each acts with their own token, so the server's separation of
 * duties and the audit trail see three different people.
 */
final class DemoGovernance {
    static final String REQUESTER = "alice";
    private final ApiClient admin;
    private final PrintWriter out;
    private final Map<String, ApiClient> people = new LinkedHashMap<>();

    DemoGovernance(ApiClient admin, PrintWriter out) {
        this.admin = admin;
        this.out = out;
    }

    /** Creates the demo's users with the admin token; each gets a token of their own. */
    void enrol() {
        say("");
        say("== People: alice (requester), bob and carol (approvers: the CAB)");
        enrol(REQUESTER, "requester", "viewer");
        enrol("bob", "approver", "viewer");
        enrol("carol", "approver", "viewer");
    }

    private void enrol(String name, String... roles) {
        ObjectNode user = JsonNodeFactory.instance.objectNode().put("name", name);
        for (String r : roles) {
            user.withArray("roles").add(r);
        }
        admin.postJson(ApiClient.API + "/users", user);
        JsonNode issued = admin.postJson(ApiClient.API + "/users/" + name + "/tokens",
                JsonNodeFactory.instance.objectNode().put("label", "demo").put("ttl", "1d")).json();
        people.put(name, new ApiClient(admin.baseUrl(), Map.of("SUTURE_TOKEN", Json.text(issued, "token")), Duration.ofSeconds(30)));
        say("$ suture users add " + name + " --role " + String.join(",", roles));
    }

    /** A normal CR approved by two approvers other than its requester; returns its id. */
    String normalChange(String patch, String plan) {
        String id = submit("normal", patch, plan, "Security patch " + patch + " to production", null);
        approve(id, "bob");
        approve(id, "carol");
        return id;
    }

    /** An emergency CR (one approver) that lets a hotfix skip the promotion order; returns its id. */
    String emergencyChange(String patch, String plan, String justification) {
        String id = submit("emergency", patch, plan, "Hotfix " + patch + " straight to production", justification);
        JsonNode cr = approve(id, "bob");
        if (cr.hasNonNull("review")) {
            say("  a post-hoc review of this emergency change is due " + Json.text(cr.get("review"), "due"));
        }
        return id;
    }

    private String submit(String type, String patch, String plan, String title, String justification) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("type", type).put("patch", patch).put("plan", plan).put("title", title);
        if (justification != null) {
            body.put("justification", justification);
        }
        JsonNode cr = people.get(REQUESTER).postJson(ApiClient.API + "/change-requests", body).json();
        say("");
        say("alice (requester) opens " + type + " change request " + Json.text(cr, "id") + ": " + title
                + (justification != null ? " (justification: " + justification + ")" : ""));
        return Json.text(cr, "id");
    }

    private JsonNode approve(String id, String approver) {
        JsonNode cr = people.get(approver).postJson(ApiClient.API + "/change-requests/" + id + "/approve",
                JsonNodeFactory.instance.objectNode().put("comment", "reviewed in the demo")).json();
        JsonNode q = cr.get("quorum");
        say("  " + approver + " approves (" + q.path("approvals").asInt() + " of " + q.path("needed").asInt() + "): "
                + Json.text(cr, "state"));
        return cr;
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
