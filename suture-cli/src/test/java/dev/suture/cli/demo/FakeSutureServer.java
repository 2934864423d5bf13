package dev.suture.cli.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.suture.cli.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the real server, just enough of docs/api.md for `suture demo` to run end to end:
 * it really changes the demo services' version files, really probes their /health, and rolls back.
 * Not an engine: one thread per rollout, sequential targets, durations scaled by -Dfake.timeScale.
 */
public final class FakeSutureServer {

    record Asset(String name, String env, String address, Path dir) {}

    record Plan(String env, List<String[]> stages) {}

    static final class Target {
        final Asset asset;
        volatile String state = "PENDING";
        volatile Integer batch;
        volatile int attempts;
        volatile String error;

        Target(Asset asset) {
            this.asset = asset;
        }
    }

    static final class Rollout {
        final String id;
        final String plan;
        final String patch;
        volatile String state = "RUNNING";
        volatile int current;
        volatile String haltReason;
        final List<String[]> stages; // type, state, summary
        final List<Target> targets;
        final List<ObjectNode> timeline = new CopyOnWriteArrayList<>();
        volatile ObjectNode incident;

        Rollout(String id, String plan, String patch, List<String[]> stages, List<Target> targets) {
            this.id = id;
            this.plan = plan;
            this.patch = patch;
            this.stages = stages;
            this.targets = targets;
        }
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();
    private final Map<String, String> patches = new ConcurrentHashMap<>();
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    private final List<ObjectNode> incidents = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final double scale = Double.parseDouble(System.getProperty("fake.timeScale", "1"));
    private long sequence;

    static final String TOKEN = "sut_fake-demo-admin-token";
    private final java.util.Set<String> issued = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectNode> changes = new java.util.concurrent.ConcurrentHashMap<>();

    private boolean authorized(String header) {
        return header != null && header.startsWith("Bearer ") && (header.substring(7).equals(TOKEN) || issued.contains(header.substring(7)));
    }

    private boolean approved(String id) {
        ObjectNode cr = changes.get(id);
        return cr != null && "APPROVED".equals(cr.get("state").asText());
    }

    public static void main(String[] args) throws IOException {
        int port = 8080;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            }
            if (args[i].equals("--data")) {
                // like the real server's first start: the demo must find and send this token
                Files.createDirectories(Path.of(args[i + 1]));
                Files.writeString(Path.of(args[i + 1]).resolve("initial-admin-token"), TOKEN + "\n");
            }
        }
        FakeSutureServer fake = new FakeSutureServer();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", fake::handle);
        server.start();
        System.out.println("fake suture server on " + port);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String route = ex.getRequestMethod() + " " + path;
            if (route.equals("GET /actuator/health")) {
                send(ex, 200, F.objectNode().put("status", "UP"));
            } else if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, F.objectNode().put("status", 401).put("detail", "authentication required"));
            } else if (route.equals("POST /api/v1/users")) {
                send(ex, 201, (ObjectNode) Json.parse(body));
            } else if (route.matches("POST /api/v1/users/[a-z]+/tokens")) {
                String user = path.split("/")[4];
                issued.add("sut_fake-user-" + user);
                send(ex, 201, F.objectNode().put("id", "tok-" + user).put("token", "sut_fake-user-" + user));
            } else if (route.equals("POST /api/v1/change-requests")) {
                ObjectNode cr = (ObjectNode) Json.parse(body);
                String id = "CR-" + (changes.size() + 1);
                cr.put("id", id).put("state", "SUBMITTED").put("approvals", 0);
                changes.put(id, cr);
                send(ex, 201, cr);
            } else if (route.matches("POST /api/v1/change-requests/CR-[0-9]+/approve")) {
                ObjectNode cr = changes.get(path.split("/")[4]);
                int approvals = cr.get("approvals").asInt() + 1;
                int needed = "emergency".equals(cr.get("type").asText()) ? 1 : 2;
                cr.put("approvals", approvals).put("state", approvals >= needed ? "APPROVED" : "SUBMITTED");
                cr.putObject("quorum").put("approvals", approvals).put("needed", needed);
                if (needed == 1) {
                    cr.putObject("review").put("due", "2026-12-03T10:00:00Z");
                }
                send(ex, 200, cr);
            } else if (route.equals("POST /api/v1/rollouts") && ((ObjectNode) Json.parse(body)).get("plan").asText().contains("production")
                    && !approved(((ObjectNode) Json.parse(body)).path("changeRequest").asText())) {
                send(ex, 409, F.objectNode().put("status", 409).put("detail", "production needs an approved change request"));
            } else if (route.equals("POST /api/v1/documents")) {
                send(ex, 200, documents(body));
            } else if (route.equals("POST /api/v1/rollouts")) {
                ObjectNode request = (ObjectNode) Json.parse(body);
                send(ex, 201, detail(start(request.get("plan").asText(), request.get("patch").asText())));
            } else if (route.startsWith("GET /api/v1/rollouts/")) {
                Rollout r = rollouts.get(path.substring("/api/v1/rollouts/".length()));
                send(ex, r == null ? 404 : 200, r == null ? F.objectNode().put("detail", "no such rollout") : detail(r));
            } else if (route.equals("GET /api/v1/incidents")) {
                send(ex, 200, F.arrayNode().addAll(incidents));
            } else if (route.equals("GET /api/v1/audit/verify")) {
                send(ex, 200, F.objectNode().put("intact", true).put("events", sequence));
            } else {
                send(ex, 404, F.objectNode().put("detail", "not in the fake: " + route));
            }
        }
    }

    private ObjectNode documents(String yaml) {
        ArrayNode applied = F.arrayNode();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            String kind = find(doc, "(?m)^kind: (\\w+)");
            String name = find(doc, "(?m)^metadata:\\s*(?:\\{name: |\\n  name: )([\\w.-]+)");
            if (kind == null) {
                continue;
            }
            switch (kind) {
                case "Asset" -> assets.put(name, new Asset(name, find(doc, "env: (\\w+)"),
                        find(doc, "address: \"([^\"]+)\""), Path.of(find(doc, "stateDir: \"([^\"]+)\""))));
                case "Patch" -> patches.put(name, find(doc, "version: \"([^\"]+)\""));
                default -> {
                    List<String[]> stages = new ArrayList<>();
                    Matcher m = Pattern.compile("(?m)^    - (\\w+): \\{(.*)}$").matcher(doc);
                    while (m.find()) {
                        stages.add(new String[] {m.group(1), m.group(2)});
                    }
                    plans.put(name, new Plan(find(doc, "selector: \"env=(\\w+)"), stages));
                }
            }
            applied.add(F.objectNode().put("kind", kind).put("name", name).put("action", "created"));
        }
        return F.objectNode().set("applied", applied);
    }

    private synchronized Rollout start(String planName, String patch) {
        Plan plan = plans.get(planName);
        List<String[]> stages = new ArrayList<>();
        plan.stages().forEach(s -> stages.add(new String[] {s[0], "PENDING", null}));
        List<Target> targets = assets.values().stream().filter(a -> a.env().equals(plan.env()))
                .sorted((a, b) -> a.name().compareTo(b.name())).map(Target::new).toList();
        Rollout r = new Rollout("r-" + (rollouts.size() + 1), planName, patch, stages, targets);
        rollouts.put(r.id, r);
        event(r, "rollout.created", Map.of());
        Thread engine = new Thread(() -> run(r, plan, patches.get(patch)), "fake-engine-" + r.id);
        engine.setDaemon(true);
        engine.start();
        return r;
    }

    private void run(Rollout r, Plan plan, String version) {
        try {
            int batch = 0;
            int done = 0;
            for (int i = 0; i < r.stages.size(); i++) {
                String[] stage = r.stages.get(i);
                String params = plan.stages().get(i)[1];
                r.current = i;
                stage[1] = "RUNNING";
                event(r, "stage.started", Map.of("stage", stage[0]));
                pause(300);
                String failure = switch (stage[0]) {
                    case "notify" -> summary(stage, "webhook not configured: skipped");
                    case "precheck", "verify" -> summary(stage, allHealthy(r.targets) ? "all healthy" : null);
                    case "snapshot" -> {
                        for (Target t : r.targets) {
                            Files.copy(t.asset.dir().resolve("version"), t.asset.dir().resolve("version.snapshot"),
                                    StandardCopyOption.REPLACE_EXISTING);
                        }
                        yield summary(stage, r.targets.size() + " snapshots");
                    }
                    default -> {
                        int upTo = stage[0].equals("canary") ? Integer.parseInt(param(params, "count"))
                                : (int) Math.ceil(Integer.parseInt(param(params, "percent")) * r.targets.size() / 100.0);
                        List<Target> wave = r.targets.subList(done, Math.min(upTo, r.targets.size()));
                        int number = batch++;
                        wave.forEach(t -> t.batch = number);
                        stage[2] = stage[0] + ": " + wave.size() + " targets";
                        done = Math.max(done, upTo);
                        String wait = param(params, stage[0].equals("canary") ? "bake" : "observe");
                        yield patch(r, wave, version, wait);
                    }
                };
                if (failure != null) {
                    stage[1] = "FAILED";
                    stage[2] = failure;
                    rollback(r, failure);
                    return;
                }
                stage[1] = "SUCCEEDED";
                event(r, "stage.succeeded", Map.of("stage", stage[0]));
            }
            r.state = "SUCCEEDED";
            event(r, "rollout.succeeded", Map.of());
        } catch (IOException | InterruptedException e) {
            r.state = "ROLLBACK_FAILED";
            r.haltReason = e.toString();
        }
    }

    private String patch(Rollout r, List<Target> wave, String version, String wait) throws IOException, InterruptedException {
        for (Target t : wave) {
            if (version.equals(Files.readString(t.asset.dir().resolve("version")).trim())) {
                t.state = "SKIPPED";
                continue;
            }
            t.state = "APPLYING";
            t.attempts++;
            pause(300);
            Files.writeString(t.asset.dir().resolve("version"), version);
            t.state = "VERIFYING";
            pause(200);
            if (health(t.asset) != 200) {
                t.state = "FAILED";
                t.error = "check health: HTTP 503";
                return "check health failed on " + t.asset.name() + ": HTTP 503";
            }
            t.state = "HEALTHY";
        }
        long until = System.nanoTime() + (long) (seconds(wait) * scale * 1e9);
        while (System.nanoTime() < until) {
            if (!allHealthy(wave)) {
                return "health failed during bake";
            }
            Thread.sleep(200);
        }
        return null;
    }

    private void rollback(Rollout r, String reason) throws IOException, InterruptedException {
        r.haltReason = reason;
        r.state = "HALTED";
        event(r, "rollout.halted", Map.of("reason", reason));
        pause(600);
        r.state = "ROLLING_BACK";
        for (Target t : r.targets) {
            if (t.batch != null && !t.state.equals("SKIPPED")) {
                t.state = "ROLLING_BACK";
                pause(200);
                Files.copy(t.asset.dir().resolve("version.snapshot"), t.asset.dir().resolve("version"),
                        StandardCopyOption.REPLACE_EXISTING);
                t.state = "ROLLED_BACK";
            }
        }
        ObjectNode incident = F.objectNode().put("id", "INC-" + (incidents.size() + 1)).put("rolloutId", r.id)
                .put("priority", "P1").put("title", "Rollout " + r.id + " halted: " + reason).put("state", "OPEN")
                .put("createdAt", Instant.now().toString());
        incidents.add(incident);
        r.incident = incident;
        r.state = "ROLLED_BACK";
        event(r, "rollout.rolled_back", Map.of());
    }

    private boolean allHealthy(List<Target> targets) {
        return targets.stream().allMatch(t -> health(t.asset) == 200);
    }

    private int health(Asset asset) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + asset.address() + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private ObjectNode detail(Rollout r) {
        ObjectNode d = F.objectNode().put("id", r.id).put("plan", r.plan).put("patch", r.patch).put("state", r.state)
                .put("currentStage", r.current).put("haltReason", r.haltReason);
        ArrayNode stages = d.putArray("stages");
        for (int i = 0; i < r.stages.size(); i++) {
            String[] s = r.stages.get(i);
            stages.add(F.objectNode().put("index", i).put("type", s[0]).put("state", s[1]).put("summary", s[2]));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        ArrayNode targets = d.putArray("targets");
        for (Target t : r.targets) {
            counts.merge(t.state, 1, Integer::sum);
            targets.add(F.objectNode().put("asset", t.asset.name()).put("state", t.state).put("attempts", t.attempts)
                    .put("batch", t.batch).put("error", t.error));
        }
        ObjectNode c = d.putObject("counts");
        counts.forEach(c::put);
        d.putArray("timeline").addAll(r.timeline);
        d.set("incident", r.incident);
        return d;
    }

    private synchronized void event(Rollout r, String action, Map<String, String> details) {
        ObjectNode e = F.objectNode().put("sequence", ++sequence).put("time", Instant.now().toString())
                .put("actor", "engine").put("action", action).put("subject", "rollout/" + r.id);
        ObjectNode d = e.putObject("details");
        details.forEach(d::put);
        r.timeline.add(e);
    }

    private void pause(long millis) throws InterruptedException {
        Thread.sleep((long) (millis * scale));
    }

    private static String summary(String[] stage, String summary) {
        stage[2] = summary;
        return summary == null ? "a target is unhealthy" : null;
    }

    private static String param(String params, String key) {
        Matcher m = Pattern.compile(key + ": (\\w+)").matcher(params);
        return m.find() ? m.group(1) : null;
    }

    private static double seconds(String duration) {
        return duration == null ? 0 : Duration.parse("PT" + duration.toUpperCase()).toMillis() / 1000.0;
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static void send(HttpExchange ex, int status, com.fasterxml.jackson.databind.JsonNode body) throws IOException {
        byte[] bytes = Json.compact(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
