package dev.suture.prometheus.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny metrics endpoint in the text exposition format: a counter {@code suture_test_requests_total}
 * and a gauge {@code suture_test_gauge} (a plain double, so NaN and +Inf can be served), both set by
 * the test. {@link #scrapes()} counts the times Prometheus came by.
 */
public final class Exporter implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger scrapes = new AtomicInteger();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile double counter;
  private volatile double gauge;

  public Exporter() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/metrics", exchange -> {
      byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      scrapes.incrementAndGet();
    });
    // Stands for a Prometheus that accepts the connection and never answers (timeout tests).
    server.createContext("/hang", exchange -> {
      try {
        released.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.setExecutor(pool);
    server.start();
  }

  private String exposition() {
    return "# HELP suture_test_requests_total Requests served.\n"
        + "# TYPE suture_test_requests_total counter\n"
        + "suture_test_requests_total{code=\"200\"} " + number(counter) + "\n"
        + "# HELP suture_test_gauge A value the test sets.\n"
        + "# TYPE suture_test_gauge gauge\n"
        + "suture_test_gauge " + number(gauge) + "\n";
  }

  private static String number(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
    return Double.toString(v);
  }

  /** host:port, as a Prometheus static target. */
  public String target() { return "127.0.0.1:" + server.getAddress().getPort(); }

  public void setGauge(double v) { gauge = v; }

  public void addToCounter(double delta) { counter += delta; }

  public int scrapes() { return scrapes.get(); }

  /** A base address under which every API call hangs until {@link #close()}. */
  public String hangingAddress() { return "http://" + target() + "/hang"; }

  @Override public void close() {
    released.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
