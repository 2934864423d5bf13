package dev.suture.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A notification receiver on 127.0.0.1 that can be taken down and brought back on the same port
 * (connection refused in between), answering a settable status.
 */
final class Receiver implements AutoCloseable {
  record Got(String eventId, String body) {}

  final List<Got> got = new CopyOnWriteArrayList<>();
  volatile int status = 200;
  private final int port;
  private HttpServer server;

  Receiver() throws IOException {
    this.port = TestServer.closedPort();
  }

  Receiver up() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int s = status;
      if (s / 100 == 2) got.add(new Got(ex.getRequestHeaders().getFirst("X-Suture-Event-Id"), body));
      ex.sendResponseHeaders(s, -1);
      ex.close();
    });
    server.start();
    return this;
  }

  void down() {
    if (server != null) server.stop(0);
    server = null;
  }

  String url(String path) { return "http://127.0.0.1:" + port + path; }

  List<String> ids() { return got.stream().map(Got::eventId).toList(); }

  @Override public void close() { down(); }
}
