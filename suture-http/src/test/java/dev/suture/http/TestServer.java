package dev.suture.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1, an ephemeral port, recording what it receives. */
final class TestServer implements AutoCloseable {
  record Received(String method, String path, String contentType, String body) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  final List<Received> received = new CopyOnWriteArrayList<>();

  TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.start();
  }

  TestServer respond(String path, int status, String body) {
    return handle(path, exchange -> reply(exchange, status, body));
  }

  TestServer handle(String path, HttpHandler handler) {
    server.createContext(path, exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Content-Type"), body));
      handler.handle(exchange);
    });
    return this;
  }

  static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  int port() { return server.getAddress().getPort(); }

  String url(String path) { return "http://127.0.0.1:" + port() + path; }

  /** A port nothing listens on: bound, then released. */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override public void close() {
    server.stop(0);
    pool.shutdownNow(); // interrupts handlers still sleeping
  }
}
