package dev.suture.prometheus.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fake service on its own loopback address (one per fake target, e.g. 127.0.0.21) that "serves"
 * 100 requests a second from a background generator and counts them in {@code
 * http_requests_total{code="200"|"500"}}. Its error ratio is exact (every 1/ratio-th request
 * fails) so tests are not at the mercy of chance. Its fault switch is the patch itself: {@code POST
 * /patch} switches it to {@link #patchedErrorRatio(double)} (a bad patch raises it), {@code POST
 * /rollback} back to the base ratio, so the rollout's own apply and rollback commands (curl) flip
 * it, exactly when the engine patches or restores the target.
 */
public final class DemoService implements AutoCloseable {
  private static final long TICK_MS = 10;

  private final HttpServer server;
  private final ScheduledExecutorService generator = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "demo-service-traffic");
    t.setDaemon(true);
    return t;
  });
  private long ok;
  private long errors;
  private double owed;
  private volatile double baseRatio = 0.01;
  private volatile double patchedRatio = 0.01;
  private volatile boolean patched;

  public DemoService(String loopbackAddress) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(loopbackAddress), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/metrics", this::metrics);
    server.createContext("/patch", exchange -> { patched = true; answer(exchange, "patched\n"); });
    server.createContext("/rollback", exchange -> { patched = false; answer(exchange, "rolled back\n"); });
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "demo-service-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    generator.scheduleAtFixedRate(this::serveOne, 0, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /** One request: an error when the errors owed so far reach one (an exact ratio, no dice). */
  private synchronized void serveOne() {
    owed += patched ? patchedRatio : baseRatio;
    if (owed >= 1) {
      owed -= 1;
      errors++;
    } else {
      ok++;
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    long o;
    long e;
    synchronized (this) {
      o = ok;
      e = errors;
    }
    answer(exchange, "# TYPE http_requests_total counter\n"
        + "http_requests_total{code=\"200\"} " + o + "\n"
        + "http_requests_total{code=\"500\"} " + e + "\n");
  }

  private static void answer(HttpExchange exchange, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The error ratio before the patch (and after a rollback). */
  public DemoService baseErrorRatio(double ratio) {
    baseRatio = ratio;
    return this;
  }

  /** The error ratio once patched: above the base ratio for a bad patch. */
  public DemoService patchedErrorRatio(double ratio) {
    patchedRatio = ratio;
    return this;
  }

  public void unpatch() { patched = false; }

  public boolean patched() { return patched; }

  public String address() { return server.getAddress().getAddress().getHostAddress(); }

  public int port() { return server.getAddress().getPort(); }

  /** host:port, as a Prometheus static target (and its {@code instance} label). */
  public String target() { return address() + ":" + port(); }

  @Override public void close() {
    generator.shutdownNow();
    server.stop(0);
  }
}
