package dev.suture.cli.demo;

import dev.suture.cli.CliException;
import dev.suture.cli.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The 12 demo services: 2 staging, 10 production, each a child JVM with its own state directory. */
final class DemoFleet {

    static final int STAGING = 2;
    static final int PRODUCTION = 10;

    private final List<DemoTarget> targets;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    DemoFleet(List<DemoTarget> targets) {
        this.targets = List.copyOf(targets);
    }

    /** Names, environments and directories under root; ports in order (staging first). */
    static DemoFleet layout(Path root, List<Integer> ports) {
        List<DemoTarget> targets = new ArrayList<>();
        for (int i = 0; i < STAGING + PRODUCTION; i++) {
            boolean staging = i < STAGING;
            String name = String.format("%s-web-%02d", staging ? "stg" : "prod", staging ? i + 1 : i - STAGING + 1);
            targets.add(new DemoTarget(name, staging ? "staging" : "production", ports.get(i), root.resolve(name)));
        }
        return new DemoFleet(targets);
    }

    List<DemoTarget> targets() {
        return targets;
    }

    List<DemoTarget> in(String environment) {
        return targets.stream().filter(t -> t.environment().equals(environment)).toList();
    }

    /** Share of requests release 1.2.0 fails when the demo has Prometheus gates (its /health still passes). */
    static final String REGRESSION_ERROR_RATE = "0.3";

    /**
     * version 1.0.0 installed; releases 1.0.0 and 1.1.0 healthy, 1.2.0 carries the regression: with
     * {@code metered} (Prometheus gates) it passes /health but fails 30 % of its requests, so only
     * the error-ratio gate can catch it; without, /health reports it down.
     */
    void prepare(boolean metered) {
        for (DemoTarget t : targets) {
            try {
                Path releases = Files.createDirectories(t.dir().resolve("releases"));
                Files.writeString(t.dir().resolve("version"), DemoDocuments.START_VERSION);
                Files.writeString(releases.resolve(DemoDocuments.START_VERSION + ".properties"), "healthy=true\n");
                Files.writeString(releases.resolve(DemoDocuments.GOOD_VERSION + ".properties"), "healthy=true\n");
                Files.writeString(releases.resolve(DemoDocuments.BAD_VERSION + ".properties"), metered
                        ? "healthy=true\nerrorRate=" + REGRESSION_ERROR_RATE + "\nerror=" + DemoDocuments.REGRESSION + "\n"
                        : "healthy=false\nerror=" + DemoDocuments.REGRESSION + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void start(ChildProcesses children, Path java, String classpath) throws IOException {
        for (DemoTarget t : targets) {
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx24m", "-XX:TieredStopAtLevel=1",
                    "-Xshare:auto", "-XX:+UseSerialGC", "-cp", classpath, DemoService.class.getName(),
                    "--port", Integer.toString(t.port()), "--dir", t.dir().toString(),
                    "--parent-pid", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(t.dir().resolve("service.log").toFile());
            children.start(builder);
        }
    }

    /**
     * Users' traffic for the error-ratio gates: every service gets GET / ten times a second, from a
     * daemon thread of this JVM (it stops with the demo).
     */
    void startTraffic() {
        java.util.concurrent.ScheduledExecutorService traffic = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-traffic");
            t.setDaemon(true);
            return t;
        });
        traffic.scheduleAtFixedRate(() -> targets.forEach(t -> http.sendAsync(
                HttpRequest.newBuilder(URI.create(t.url("/"))).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.discarding())), 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Waits until every service answers /health with 200. */
    void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<DemoTarget> waiting = new ArrayList<>(targets);
        while (!waiting.isEmpty()) {
            waiting.removeIf(t -> health(t) == 200);
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCodes.ERROR, "demo services did not come up in " + timeout.toSeconds()
                        + "s: " + waiting.stream().map(DemoTarget::name).toList() + " (see their service.log)");
            }
            Thread.sleep(200);
        }
    }

    /** HTTP status of GET /health, or -1 when the service does not answer. */
    int health(DemoTarget target) {
        HttpResponse<String> response = get(target, "/health");
        return response == null ? -1 : response.statusCode();
    }

    /** Each service's own answer to GET /version ("unreachable" if it does not answer). */
    Map<String, String> versions(List<DemoTarget> which) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (DemoTarget t : which) {
            HttpResponse<String> response = get(t, "/version");
            versions.put(t.name(), response == null || response.statusCode() != 200 ? "unreachable"
                    : response.body().trim());
        }
        return versions;
    }

    private HttpResponse<String> get(DemoTarget target, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.url(path)))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
