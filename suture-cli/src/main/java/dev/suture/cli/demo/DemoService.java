package dev.suture.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny real service for the demo, on 127.0.0.1 only. Its state lives in files so the plan's
 * commands can change it while it runs: {@code DIR/version} (installed version), {@code
 * DIR/releases/VERSION.properties} ({@code healthy=false} + {@code error=...} models a bad release;
 * {@code errorRate=0.3} one that still passes /health but fails that share of its own requests)
 * and {@code DIR/fault} (fault switch, also flipped by {@code POST /fault?on=true|false}).
 *
 * <p>Only JDK classes, so it starts in a fraction of a second with {@code -Xmx24m}.
 */
public final class DemoService {

    private final Path dir;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong served = new AtomicLong();

    private DemoService(Path dir, HttpServer server, ExecutorService executor) {
        this.dir = dir;
        this.server = server;
        this.executor = executor;
    }

    public static void main(String[] args) throws IOException {
        Integer port = null;
        Path dir = null;
        Long parentPid = null;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--parent-pid" -> parentPid = Long.parseLong(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (port == null || dir == null || args.length % 2 != 0) {
            usage("--port N and --dir DIR are required");
        }
        Optional<ProcessHandle> parent = parentPid != null ? ProcessHandle.of(parentPid)
                : ProcessHandle.current().parent();
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("DemoService: parent process is already gone: not starting");
            System.exit(0);
        }
        DemoService service = start(port, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "demo-service-stop"));
        watch(parent.get());
        System.out.println("demo service listening on 127.0.0.1:" + service.port() + ", state in " + dir);
    }

    public static DemoService start(int port, Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "demo-service-http");
            t.setDaemon(false);
            return t;
        });
        DemoService service = new DemoService(dir, server, executor);
        server.createContext("/", service::handle);
        server.setExecutor(executor);
        server.start();
        return service;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Exit when the process that started us dies, so a killed demo leaves no orphans. The original
     * parent's handle is kept: after reparenting, parent() would name init, which is always alive.
     * The orchestrator also passes --parent-pid, which closes the window where the parent dies
     * before this JVM has looked at its parent (it would then see init and never exit).
     */
    private static void watch(ProcessHandle original) {
        Thread watcher = new Thread(() -> {
            while (original.isAlive()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            System.out.println("parent process " + original.pid() + " is gone: exiting");
            System.exit(0);
        }, "demo-service-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/health" -> health(exchange);
                case "/version" -> send(exchange, 200, "text/plain; charset=utf-8", version() + "\n");
                case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics());
                case "/fault" -> fault(exchange, method);
                case "/" -> home(exchange);
                default -> send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            throw e;
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        String version = version();
        String problem = problem(version);
        if (problem == null) {
            send(exchange, 200, "application/json",
                    "{\"status\":\"UP\",\"version\":" + quote(version) + "}");
        } else {
            send(exchange, 503, "application/json",
                    "{\"status\":\"DOWN\",\"version\":" + quote(version) + ",\"error\":" + quote(problem) + "}");
        }
    }

    /** The service's own traffic: a bad release or the fault switch makes it answer 503, so its error rate shows it. */
    private void home(HttpExchange exchange) throws IOException {
        String version = version();
        String problem = problem(version);
        if (problem == null && failsThisOne(version)) {
            problem = release(version).getProperty("error", "release " + version + " fails some requests");
        }
        if (problem == null) {
            send(exchange, 200, "application/json", "{\"service\":\"suture-demo\",\"version\":" + quote(version) + "}");
        } else {
            send(exchange, 503, "application/json", "{\"service\":\"suture-demo\",\"version\":" + quote(version)
                    + ",\"error\":" + quote(problem) + "}");
        }
    }

    /**
     * A release with {@code errorRate=r} fails exactly that share of "/" requests, spread evenly
     * (request n fails when floor((n+1)·r) > floor(n·r)), so the error ratio a query sees is r.
     */
    private boolean failsThisOne(String version) {
        double rate;
        try {
            rate = Double.parseDouble(release(version).getProperty("errorRate", "0").trim());
        } catch (NumberFormatException e) {
            return true; // an unreadable setting: better fail than pretend all is fine
        }
        if (!(rate > 0)) {
            return false;
        }
        long n = served.getAndIncrement();
        return Math.floor((n + 1) * rate) > Math.floor(n * rate);
    }

    private void fault(HttpExchange exchange, String method) throws IOException {
        if ("POST".equals(method)) {
            String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
            boolean on = query.contains("on=true") || query.contains("on=1");
            if (on) {
                Files.writeString(dir.resolve("fault"), "true\n");
            } else {
                Files.deleteIfExists(dir.resolve("fault"));
            }
        } else if (!"GET".equals(method)) {
            send(exchange, 405, "application/json", "{\"error\":\"use GET or POST\"}");
            return;
        }
        send(exchange, 200, "application/json", "{\"fault\":" + faultOn() + "}");
    }

    private String metrics() {
        String version = version();
        boolean up = problem(version) == null;
        return "# HELP demo_requests_total Requests served.\n"
                + "# TYPE demo_requests_total counter\n"
                + "demo_requests_total " + requests.get() + "\n"
                + "# HELP demo_errors_total Requests answered with a 5xx status.\n"
                + "# TYPE demo_errors_total counter\n"
                + "demo_errors_total " + errors.get() + "\n"
                + "# HELP demo_up 1 when the service is healthy.\n"
                + "# TYPE demo_up gauge\n"
                + "demo_up " + (up ? 1 : 0) + "\n"
                + "# HELP demo_version_info The installed version.\n"
                + "# TYPE demo_version_info gauge\n"
                + "demo_version_info{version=\"" + version.replace("\\", "\\\\").replace("\"", "\\\"") + "\"} 1\n";
    }

    /** Null when healthy, else why not. Read on every request: the plan's commands change these files. */
    private String problem(String version) {
        if (faultOn()) {
            return "fault injected";
        }
        Properties release = release(version);
        if ("false".equalsIgnoreCase(release.getProperty("healthy", "true").trim())) {
            return release.getProperty("error", "release " + version + " is unhealthy");
        }
        return null;
    }

    private boolean faultOn() {
        try {
            String value = Files.readString(dir.resolve("fault")).trim();
            return !(value.equalsIgnoreCase("false") || value.equals("0"));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true; // unreadable switch: better report unhealthy than pretend all is fine
        }
    }

    private String version() {
        try {
            return Files.readString(dir.resolve("version")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private Properties release(String version) {
        Properties properties = new Properties();
        Path file = dir.resolve("releases").resolve(version + ".properties");
        if (version.contains("/") || version.contains("..") || !Files.isRegularFile(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            properties.setProperty("healthy", "false");
            properties.setProperty("error", "cannot read release file: " + e.getMessage());
        }
        return properties;
    }

    private void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        if (status >= 500) {
            errors.incrementAndGet();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void usage(String problem) {
        System.err.println("DemoService: " + problem);
        System.err.println("usage: java -cp suture-cli.jar dev.suture.cli.demo.DemoService --port N --dir DIR [--parent-pid PID]");
        System.exit(64);
    }
}
