package dev.suture.prometheus;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A local Prometheus ({@code /usr/bin/prometheus}, e.g. Debian's package) run as a child process on
 * a free loopback port with its own config and TSDB in a temporary directory, scraping the given
 * {@code host:port} targets. For the demo and the benchmarks; the package's own service is never
 * used. {@link #close()} stops it and removes its files.
 */
public final class PrometheusProcess implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final int port;
  private final Process process;

  private PrometheusProcess(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  public static boolean installed() { return Files.isExecutable(BINARY); }

  /**
   * Starts Prometheus scraping {@code targets} (each {@code host:port}, path /metrics) every
   * {@code scrapeInterval} (whole seconds, at least 1) and waits until it reports ready.
   */
  public static PrometheusProcess start(List<String> targets, Duration scrapeInterval) throws IOException, InterruptedException {
    if (!installed()) throw new IllegalStateException(BINARY + " not found (apt-get install prometheus)");
    for (String t : targets) {
      if (!t.matches("[A-Za-z0-9.\\-]+:[0-9]{1,5}")) throw new IllegalArgumentException("target must be host:port, was '" + t + "'");
    }
    long seconds = Math.max(1, scrapeInterval.toSeconds());
    Path dir = Files.createTempDirectory("suture-prometheus");
    int port = freePort();
    String list = targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
    Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: " + seconds + "s\n  evaluation_interval: " + seconds + "s\n"
        + "scrape_configs:\n  - job_name: suture\n    static_configs:\n      - targets: [" + list + "]\n");
    Process p = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    PrometheusProcess prometheus = new PrometheusProcess(dir, port, p);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        String log = prometheus.log();
        prometheus.close();
        throw new IllegalStateException("prometheus exited " + p.exitValue() + ": " + log);
      }
      if (prometheus.ready()) return prometheus;
      Thread.sleep(100); // polling a child process' readiness
    }
    String log = prometheus.log();
    prometheus.close();
    throw new IllegalStateException("prometheus not ready within " + START_TIMEOUT.toSeconds() + " s: " + log);
  }

  public String url() { return "http://127.0.0.1:" + port; }

  /**
   * Waits until every one of {@code targets} has been scraped at least {@code samples} times
   * (counted by {@code up} over the last minute). "Ready" only means the TSDB is open: the first
   * scrapes come seconds later, and a {@code rate()} needs two samples, so a gate measured before
   * this would see no data.
   *
   * @return false when {@code timeout} passed first
   */
  public boolean awaitScraped(int targets, int samples, Duration timeout) throws InterruptedException {
    PrometheusClient client = new PrometheusClient();
    String query = "count(count_over_time(up[1m]) >= " + samples + ")";
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        List<Double> v = client.instant(url(), query, java.util.Map.of(), Duration.ofSeconds(2)).values();
        if (!v.isEmpty() && v.get(0) >= targets) return true;
      } catch (PrometheusException e) {
        // not answering yet: keep polling until the deadline
      }
      Thread.sleep(200); // polling a child process' progress
    }
    return false;
  }

  public long pid() { return process.pid(); }

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

  public String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the process (its port then refuses connections) and keeps its files, e.g. the log. */
  public void stop() throws InterruptedException {
    if (!process.isAlive()) return;
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Stops the process and removes its config, TSDB and log. */
  @Override public void close() throws InterruptedException {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
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
