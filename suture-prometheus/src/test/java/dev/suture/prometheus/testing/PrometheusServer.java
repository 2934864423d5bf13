package dev.suture.prometheus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus ({@code /usr/bin/prometheus}, the Debian package) on a free loopback port with
 * a temporary config and TSDB, scraping {@link Exporter} every second. Tests call {@link
 * #assumeAvailable()} first: skipped locally without the binary, a failure when {@code CI=true}.
 * The Debian package's own service is never used.
 */
public final class PrometheusServer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final int port;
  private Process process;

  private PrometheusServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static Optional<String> unavailable() {
    return Files.isExecutable(BINARY) ? Optional.empty()
        : Optional.of(BINARY + " not found (apt-get install prometheus)");
  }

  public static void assumeAvailable() {
    Optional<String> reason = unavailable();
    if (reason.isEmpty()) return;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail("a real Prometheus is required when CI=true: " + reason.get());
    Assumptions.assumeTrue(false, "real Prometheus unavailable: " + reason.get());
  }

  /** Starts Prometheus scraping {@code exporter} every second and waits until it reports ready. */
  public static PrometheusServer start(Exporter exporter) throws IOException, InterruptedException {
    return start(java.util.List.of(exporter.target()));
  }

  /** Starts Prometheus scraping every {@code host:port} target every second and waits until it reports ready. */
  public static PrometheusServer start(java.util.List<String> targets) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("suture-prometheus");
    int port = freePort();
    Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        + "scrape_configs:\n  - job_name: suture-test\n    static_configs:\n      - targets: ['"
        + String.join("', '", targets) + "']\n");
    PrometheusServer server = new PrometheusServer(dir, port);
    server.launch();
    return server;
  }

  private void launch() throws IOException, InterruptedException {
    process = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--web.enable-lifecycle")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("prometheus exited " + process.exitValue() + ": " + log());
      if (ready()) return;
      Thread.sleep(100); // polling a child process' readiness, not waiting for time to pass
    }
    stop();
    throw new IllegalStateException("prometheus not ready within " + START_TIMEOUT.toSeconds() + " s: " + log());
  }

  private boolean ready() {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/-/ready").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(500);
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  public String url() { return "http://127.0.0.1:" + port; }

  public String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the process (the port then refuses connections); {@link #close()} also removes the files. */
  public void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) return;
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
