package dev.suture.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.suture.cli.ApiClient;
import dev.suture.cli.CliException;
import dev.suture.cli.Json;
import dev.suture.cli.LiveRenderer;
import dev.suture.cli.RolloutFormat;
import dev.suture.cli.RolloutView;
import dev.suture.cli.RolloutWatcher;
import dev.suture.cli.Terminal;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two demo stories, told and checked: a good patch goes staging → production; a bad patch is
 * caught by the production canary, rolled back automatically and leaves a P1 incident.
 */
final class DemoScenarios {

    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(5);

    private final ApiClient api;
    private final DemoFleet fleet;
    private final PrintWriter out;
    private final Terminal terminal;
    private final List<String> failures = new ArrayList<>();
    private final DemoGovernance governance;
    private String badRolloutId;

    private final boolean metered;

    DemoScenarios(ApiClient api, DemoFleet fleet, PrintWriter out, Terminal terminal) {
        this(api, fleet, out, terminal, false);
    }

    /** {@code metered}: the production plan gates on Prometheus error ratios (see DemoDocuments). */
    DemoScenarios(ApiClient api, DemoFleet fleet, PrintWriter out, Terminal terminal, boolean metered) {
        this.metered = metered;
        this.api = api;
        this.governance = new DemoGovernance(api, out);
        this.fleet = fleet;
        this.out = out;
        this.terminal = terminal;
    }

    List<String> failures() {
        return failures;
    }

    String badRolloutId() {
        return badRolloutId;
    }

    void run() {
        governance.enrol();
        if (goodPatch()) {
            badPatch();
        } else {
            failures.add("scenario 2 not run: scenario 1 did not leave production on " + DemoDocuments.GOOD_VERSION);
        }
        audit();
    }

    /** Scenario 1: demo-1.1.0 on staging, and on production only once staging SUCCEEDED. */
    private boolean goodPatch() {
        heading("Scenario 1: security patch " + DemoDocuments.GOOD_PATCH + " (" + DemoDocuments.GOOD_VERSION
                + "), staging first, then production");
        RolloutView staging = rollout(DemoDocuments.STAGING_PLAN, DemoDocuments.GOOD_PATCH, "SUCCEEDED", null);
        if (!expect(staging, "SUCCEEDED", "staging") || !onVersion("staging", DemoDocuments.GOOD_VERSION)) {
            say("Staging did not succeed, so production is left alone: that is the SOP.");
            return false;
        }
        say("Staging succeeded, so the patch may go to production once the CAB approves a change request.");
        String cr = governance.normalChange(DemoDocuments.GOOD_PATCH, DemoDocuments.PRODUCTION_PLAN);
        RolloutView production = rollout(DemoDocuments.PRODUCTION_PLAN, DemoDocuments.GOOD_PATCH, "SUCCEEDED", cr);
        return expect(production, "SUCCEEDED", "production") && onVersion("production", DemoDocuments.GOOD_VERSION);
    }

    /** Scenario 2: demo-1.2.0 breaks the canary; Suture halts, rolls back, opens a P1. */
    private void badPatch() {
        heading("Scenario 2: " + DemoDocuments.BAD_PATCH + " (" + DemoDocuments.BAD_VERSION + ") has a regression: \""
                + DemoDocuments.REGRESSION + "\"");
        say(metered
                ? "Its /health still answers 200, but it fails " + (int) (Double.parseDouble(DemoFleet.REGRESSION_ERROR_RATE) * 100)
                        + " % of requests: watch the canary's error-ratio gate (Prometheus) catch it before the other"
                        + " production services are touched."
                : "Watch the canary catch it before the other production services are touched.");
        String cr = governance.emergencyChange(DemoDocuments.BAD_PATCH, DemoDocuments.PRODUCTION_PLAN,
                "customer-facing outage fix; staging is skipped under the emergency procedure");
        RolloutView view = rollout(DemoDocuments.PRODUCTION_PLAN, DemoDocuments.BAD_PATCH, "ROLLED_BACK", cr);
        badRolloutId = view.id();
        expect(view, "ROLLED_BACK", "production (bad patch)");
        onVersion("production", DemoDocuments.GOOD_VERSION);
        JsonNode incidents = api.get(ApiClient.API + "/incidents").json();
        JsonNode incident = null;
        for (JsonNode candidate : incidents) {
            if (view.id().equals(Json.text(candidate, "rolloutId")) && "P1".equals(Json.text(candidate, "priority"))) {
                incident = candidate;
            }
        }
        if (incident == null) {
            failures.add("no P1 incident for rollout " + view.id() + " in GET /api/v1/incidents");
        } else {
            say(terminal.ok() + " incident " + Json.text(incident, "id") + " (P1) is open: " + Json.text(incident, "title"));
        }
    }

    private void audit() {
        heading("Audit");
        JsonNode result = api.get(ApiClient.API + "/audit/verify").json();
        boolean intact = result.path("intact").asBoolean(false);
        String message = intact ? "audit chain intact: " + result.path("events").asLong() + " events"
                : "audit chain broken at event " + Json.text(result, "firstBadSequence") + ": "
                        + Json.text(result, "reason");
        say((intact ? terminal.ok() : terminal.fail()) + " " + message);
        if (!intact) {
            failures.add(message);
        }
    }

    private RolloutView rollout(String plan, String patch, String expected, String changeRequest) {
        say("");
        say("$ suture rollout start --plan " + plan + " --patch " + patch + (changeRequest == null ? "" : " --change " + changeRequest));
        var body = JsonNodeFactory.instance.objectNode().put("plan", plan).put("patch", patch);
        if (changeRequest != null) {
            body.put("changeRequest", changeRequest);
        }
        String id;
        try {
            id = Json.text(api.postJson(ApiClient.API + "/rollouts", body).json(), "id");
        } catch (CliException e) {
            List<String> lines = new ArrayList<>(e.lines());
            lines.set(0, "starting a rollout of " + patch + " with " + plan + " failed: " + lines.get(0));
            throw new CliException(e.exitCode(), lines);
        }
        say("rollout " + id + " started");
        long start = System.nanoTime();
        LiveRenderer renderer = new LiveRenderer(out, terminal, ZoneId.systemDefault(),
                new DemoNarrator(terminal, DemoDocuments.stages(plan, metered)), null);
        RolloutView end;
        try {
            end = RolloutWatcher.of(api, renderer).watch(id, ROLLOUT_TIMEOUT);
        } catch (CliException e) {
            failures.add(String.join("; ", e.lines()));
            end = RolloutView.from(api.get(ApiClient.API + "/rollouts/" + ApiClient.segment(id)).json());
        }
        renderer.release();
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean asExpected = expected.equals(end.state());
        say(String.format("%s rollout %s %s after %.0fs%s: %s%s", asExpected ? terminal.ok() : terminal.fail(), id,
                end.state(), seconds, asExpected && !"SUCCEEDED".equals(expected) ? ", as expected" : "",
                RolloutFormat.counts(end), end.haltReason() != null ? "; reason: " + end.haltReason() : ""));
        return end;
    }

    private boolean expect(RolloutView view, String state, String what) {
        if (!state.equals(view.state())) {
            failures.add(what + ": rollout " + view.id() + " ended " + view.state() + ", expected " + state
                    + (view.haltReason() != null ? " (" + view.haltReason() + ")" : ""));
            return false;
        }
        return true;
    }

    /** Asks each service itself, over HTTP, which version it runs. */
    private boolean onVersion(String environment, String expected) {
        Map<String, String> versions = fleet.versions(fleet.in(environment));
        List<String> wrong = versions.entrySet().stream().filter(e -> !expected.equals(e.getValue()))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        if (wrong.isEmpty()) {
            say(terminal.ok() + " every " + environment + " service reports version " + expected + " on its own /version ("
                    + versions.size() + " checked)");
            return true;
        }
        failures.add(environment + " services not on " + expected + ": " + String.join(", ", wrong));
        say(terminal.fail() + " not on " + expected + ": " + String.join(", ", wrong));
        return false;
    }

    private void heading(String text) {
        say("");
        say("== " + text);
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
