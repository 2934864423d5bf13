package dev.suture.cli.demo;

import dev.suture.cli.ApiClient;
import dev.suture.cli.ApiException;
import dev.suture.cli.ApplyCommand;
import dev.suture.cli.CliException;
import dev.suture.cli.ExitCodes;
import dev.suture.cli.Main;
import dev.suture.cli.ServerJar;
import dev.suture.cli.Terminal;
import dev.suture.prometheus.PrometheusProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `suture demo`: a real server, 12 real services, two narrated rollouts, and checks of the outcome. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the end-to-end demo on this machine: starts a Suture server and 12 small services",
                "(2 staging, 10 production) on loopback ports, applies assets/patches/plans, then",
                "1) rolls out a good patch to staging and then production, and",
                "2) rolls out a bad patch whose production canary fails: automatic rollback and a P1 incident.",
                "Everything runs under a temp directory and is stopped on exit or Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--once", description = "Run the scenarios, check them, stop everything; exit 0 only if all went as expected")
    boolean once;

    @Option(names = "--port", paramLabel = "N", description = "Server port (default: a free one)")
    Integer port;

    @Option(names = "--keep", description = "Keep the temp directory (data, logs, service state) after exit")
    boolean keep;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, String> env = ((Main) spec.root().userObject()).env();
        PrintWriter out = spec.commandLine().getOut();
        Terminal terminal = Terminal.detect(env);
        Path jar = ServerJar.locate(env);
        Path tmp = Files.createTempDirectory("suture-demo-");
        ChildProcesses children = new ChildProcesses(Duration.ofSeconds(15));
        // read by the shutdown hook thread: delete the temp dir only after a fully successful run
        AtomicBoolean success = new AtomicBoolean();
        // a child process too (ChildProcesses.close would kill it); closing it also removes its TSDB
        java.util.concurrent.atomic.AtomicReference<PrometheusProcess> metrics = new java.util.concurrent.atomic.AtomicReference<>();
        Thread cleanup = new Thread(() -> {
            stopPrometheus(metrics.get());
            children.close();
            if (!keep && success.get()) {
                deleteTree(tmp);
            }
        }, "suture-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);

        List<String> failures = new ArrayList<>();
        DemoServer server = null;
        String badRollout = null;
        try {
            List<Integer> ports = Ports.free(DemoFleet.STAGING + DemoFleet.PRODUCTION + 1);
            int serverPort = port != null ? port : ports.get(ports.size() - 1);
            out.println("Demo directory: " + tmp);
            server = DemoServer.start(children, ServerJar.java(), serverJvmOptions(env), jar, tmp.resolve("data"),
                    serverPort, tmp.resolve("server.log"));
            DemoFleet fleet = DemoFleet.layout(tmp.resolve("fleet"), ports);
            // SUTURE_DEMO_PROMETHEUS=off runs the demo without Prometheus gates even where it is installed.
            boolean metered = PrometheusProcess.installed() && !"off".equalsIgnoreCase(env.getOrDefault("SUTURE_DEMO_PROMETHEUS", ""));
            fleet.prepare(metered);
            // services start while the server boots: they are small and it is slow
            fleet.start(children, ServerJar.java(), ServerJar.ownClasspath());
            server.awaitUp(Duration.ofSeconds(90), out);
            fleet.awaitHealthy(Duration.ofSeconds(60));
            out.println("12 demo services up: " + DemoFleet.STAGING + " staging (stg-web-01..02), "
                    + DemoFleet.PRODUCTION + " production (prod-web-01..10), all on " + DemoDocuments.START_VERSION);
            String prometheusUrl = null;
            if (metered) {
                PrometheusProcess prometheus = PrometheusProcess.start(fleet.targets().stream().map(DemoTarget::address).toList(),
                        Duration.ofSeconds(1));
                metrics.set(prometheus);
                prometheusUrl = prometheus.url();
                fleet.startTraffic();
                if (!prometheus.awaitScraped(fleet.targets().size(), 3, Duration.ofSeconds(30))) {
                    throw new CliException(ExitCodes.ERROR, "Prometheus at " + prometheusUrl + " did not scrape the 12 demo services"
                            + " within 30 s (log: " + prometheus.log().lines().reduce((x, y) -> y).orElse("empty") + ")");
                }
                out.println("Prometheus at " + prometheusUrl + " scrapes the 12 services every second; each gets 10 requests/s."
                        + " Production gates measure each service's error ratio there.");
            } else {
                out.println(PrometheusProcess.installed()
                        ? "(SUTURE_DEMO_PROMETHEUS=off: gates use the HTTP health check only)"
                        : "(" + PrometheusProcess.BINARY + " is not installed: gates use the HTTP health check only;"
                                + " apt-get install prometheus for error-ratio gates)");
            }
            // the server this demo started wrote its first-start admin token into the data dir
            Path tokenFile = tmp.resolve("data").resolve("initial-admin-token");
            Map<String, String> authed = new java.util.HashMap<>(env);
            authed.put("SUTURE_TOKEN", Files.readString(tokenFile).strip());
            out.println("Signed in as admin with the server's first-start token (" + tokenFile + ", mode 0600)");
            ApiClient api = new ApiClient(server.url(), authed, Duration.ofSeconds(30));
            applyDocuments(api, fleet, tmp, out, prometheusUrl);
            DemoScenarios scenarios = new DemoScenarios(api, fleet, out, terminal, metered);
            try {
                scenarios.run();
            } finally {
                failures.addAll(scenarios.failures());
                badRollout = scenarios.badRolloutId();
            }
        } catch (CliException e) {
            failures.add(String.join("\n", e.lines()));
        } catch (IOException | UncheckedIOException e) {
            failures.add("cannot set the demo up: " + e.getMessage());
        }
        out.println();
        success.set(failures.isEmpty());
        if (success.get()) {
            out.println(terminal.ok() + " Demo finished: both scenarios ended as expected.");
        } else {
            out.println(terminal.fail() + " Demo did not go as expected:");
            failures.forEach(f -> out.println("  - " + f.replace("\n", "\n    ")));
            out.println("Logs are kept in " + tmp + " (server.log, fleet/*/service.log).");
        }
        out.flush();
        if (once || server == null || !failures.isEmpty() && !serverUp(server)) {
            stopPrometheus(metrics.getAndSet(null));
            children.close();
            if (!keep && success.get()) {
                deleteTree(tmp);
            } else if (keep) {
                out.println("Kept " + tmp);
            }
            return success.get() ? ExitCodes.OK : ExitCodes.ERROR;
        }
        explore(out, server.url(), tmp, badRollout);
        new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops everything
        return ExitCodes.OK;
    }

    private static void stopPrometheus(PrometheusProcess prometheus) {
        if (prometheus == null) {
            return;
        }
        try {
            prometheus.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // best effort on the way out: the process itself is a child and is killed with the rest
        }
    }

    private static void applyDocuments(ApiClient api, DemoFleet fleet, Path tmp, PrintWriter out, String prometheus)
            throws IOException {
        out.println();
        out.println("== Applying the fleet, the patches and the plans (documents in " + tmp + ")");
        String header = "# Generated by `suture demo` for this run.\n";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("fleet.yaml", DemoDocuments.assets(fleet.targets(), header));
        files.put("patches.yaml", DemoDocuments.patches(header));
        files.put("plans.yaml", DemoDocuments.plans(header, prometheus));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(tmp.resolve(file.getKey()), file.getValue());
            out.println("$ suture apply -f " + tmp.resolve(file.getKey()));
            try {
                ApiClient.Response response = api.post(ApiClient.API + "/documents?source=" + file.getKey(),
                        file.getValue(), "application/yaml");
                ApplyCommand.appliedLines(response.json()).forEach(line -> out.println("  " + line));
            } catch (ApiException e) {
                throw new CliException(ExitCodes.ERROR, e.lines(file.getKey(), tmp.resolve(file.getKey()).toString()));
            }
            out.flush();
        }
    }

    private static void explore(PrintWriter out, String url, Path tmp, String badRollout) {
        out.println();
        out.println("Suture is running at " + url + " with the demo fleet. Try:");
        out.println("  Swagger UI:   " + url + "/swagger-ui.html");
        out.println("  export SUTURE_SERVER=" + url);
        out.println("  export SUTURE_TOKEN=$(cat " + tmp.resolve("data").resolve("initial-admin-token") + ")");
        out.println("  ./suture get assets");
        out.println("  ./suture get rollouts");
        if (badRollout != null) {
            out.println("  ./suture rollout status " + badRollout + "     # the rolled-back one");
        }
        out.println("  ./suture get incidents");
        out.println("  ./suture audit verify");
        out.println("  ./suture rollout start --plan " + DemoDocuments.PRODUCTION_PLAN + " --patch "
                + DemoDocuments.BAD_PATCH + "   # then: ./suture rollout watch ID");
        out.println("Server log: " + tmp.resolve("server.log") + ". Press Ctrl-C to stop everything.");
        out.flush();
    }

    private static List<String> serverJvmOptions(Map<String, String> env) {
        List<String> custom = ServerJar.jvmOptions(env, "SUTURE_SERVER_JAVA_OPTS");
        // C1 only: the demo server mostly waits, and starts noticeably faster on 2 cores
        return custom.isEmpty() ? List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto") : custom;
    }

    private static boolean serverUp(DemoServer server) {
        try {
            new ApiClient(server.url()).get("/actuator/health");
            return true;
        } catch (CliException e) {
            return false;
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort: a temp directory left behind is not worth failing the demo for
        }
    }
}
