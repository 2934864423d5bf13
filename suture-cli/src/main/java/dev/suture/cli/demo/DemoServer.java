package dev.suture.cli.demo;

import dev.suture.cli.CliException;
import dev.suture.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts the real Suture server as a child JVM and waits for /actuator/health to say UP. */
final class DemoServer {

    private final Process process;
    private final String url;
    private final Path log;

    private DemoServer(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static DemoServer start(ChildProcesses children, Path java, List<String> jvmOptions, Path jar, Path data, int port,
            Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of("--data", data.toString(), "--port", Integer.toString(port)));
        Process process = children.start(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()));
        watchdog(children, process);
        return new DemoServer(process, "http://127.0.0.1:" + port, log);
    }

    /**
     * Our shutdown hook covers Ctrl-C and SIGTERM, but not SIGKILL. Unlike the demo services, the
     * server cannot watch its parent, so a tiny shell does it: once this JVM is gone it stops the
     * server (SIGTERM, then SIGKILL after 10 s).
     */
    private static void watchdog(ChildProcesses children, Process server) throws IOException {
        String script = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; kill \"$2\" 2>/dev/null; i=0; "
                + "while kill -0 \"$2\" 2>/dev/null && [ $i -lt 10 ]; do sleep 1; i=$((i+1)); done; "
                + "kill -9 \"$2\" 2>/dev/null; exit 0";
        children.start(new ProcessBuilder("sh", "-c", script, "suture-demo-watchdog",
                Long.toString(ProcessHandle.current().pid()), Long.toString(server.pid()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD));
    }

    String url() {
        return url;
    }

    Path log() {
        return log;
    }

    /** Prints a dot a second while waiting; fails with the log's tail if the server dies or is too slow. */
    void awaitUp(Duration timeout, PrintWriter out) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextDot = start;
        out.print("Starting the Suture server on " + url + " ");
        out.flush();
        while (true) {
            if (up(http)) {
                out.printf(" up in %.1fs%n", (System.nanoTime() - start) / 1e9);
                out.flush();
                return;
            }
            if (!process.isAlive()) {
                out.println(" failed");
                throw failure("the Suture server exited with code " + process.exitValue());
            }
            if (System.nanoTime() > deadline) {
                out.println(" timed out");
                throw failure("the Suture server did not report UP within " + timeout.toSeconds() + "s");
            }
            if (System.nanoTime() >= nextDot) {
                out.print('.');
                out.flush();
                nextDot += 1_000_000_000L;
            }
            Thread.sleep(250);
        }
    }

    private boolean up(HttpClient http) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("UP");
        } catch (IOException notYet) {
            return false;
        }
    }

    CliException failure(String reason) {
        List<String> lines = new ArrayList<>();
        lines.add(reason + "; last lines of " + log + ":");
        lines.addAll(tail(log, 40));
        return new CliException(ExitCodes.ERROR, lines);
    }

    static List<String> tail(Path file, int count) {
        try {
            List<String> all = Files.readAllLines(file);
            return all.subList(Math.max(0, all.size() - count), all.size()).stream().map(l -> "  | " + l).toList();
        } catch (IOException | RuntimeException e) {
            return List.of("  (cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
