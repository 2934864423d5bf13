package dev.suture.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) answering canned responses per "METHOD /path?query".
 * A route with several responses plays them in order and then repeats the last one.
 */
final class CannedServer implements AutoCloseable {

    record Canned(int status, String contentType, String body) {}

    record Recorded(String method, String uri, String contentType, String authorization, String body) {}

    private final HttpServer server;
    private final Map<String, Deque<Canned>> routes = new ConcurrentHashMap<>();
    final List<Recorded> requests = new CopyOnWriteArrayList<>();

    CannedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    CannedServer json(String route, String... bodies) {
        for (String body : bodies) {
            on(route, 200, "application/json", body);
        }
        return this;
    }

    CannedServer on(String route, int status, String contentType, String body) {
        routes.computeIfAbsent(route, r -> new ArrayDeque<>()).add(new Canned(status, contentType, body));
        return this;
    }

    CannedServer problem(String route, int status, String problemJson) {
        return on(route, status, "application/problem+json", problemJson);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String uri = exchange.getRequestURI().toString();
            requests.add(new Recorded(exchange.getRequestMethod(), uri,
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            Deque<Canned> queue = routes.get(exchange.getRequestMethod() + " " + uri);
            Canned canned;
            if (queue == null) {
                canned = new Canned(404, "application/problem+json",
                        "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no route " + uri + "\"}");
            } else {
                synchronized (queue) {
                    canned = queue.size() > 1 ? queue.poll() : queue.peek();
                }
            }
            byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", canned.contentType());
            exchange.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
