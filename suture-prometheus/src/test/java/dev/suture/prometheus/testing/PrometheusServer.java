package dev.suture.prometheus.testing;

import dev.suture.prometheus.PrometheusProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus ({@code /usr/bin/prometheus}, the Debian package) on a free loopback port with
 * a temporary config and TSDB, scraping {@link Exporter} every second. Tests call {@link
 * #assumeAvailable()} first: skipped locally without the binary, a failure when {@code CI=true}.
 * The Debian package's own service is never used.
 */
public final class PrometheusServer implements AutoCloseable {
  public static final Path BINARY = PrometheusProcess.BINARY;

  private final PrometheusProcess process;

  private PrometheusServer(PrometheusProcess process) {
    this.process = process;
  }

  public static Optional<String> unavailable() {
    return PrometheusProcess.installed() ? Optional.empty() : Optional.of(BINARY + " not found (apt-get install prometheus)");
  }

  public static void assumeAvailable() {
    Optional<String> reason = unavailable();
    if (reason.isEmpty()) return;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail("a real Prometheus is required when CI=true: " + reason.get());
    Assumptions.assumeTrue(false, "real Prometheus unavailable: " + reason.get());
  }

  /** Starts Prometheus scraping {@code exporter} every second and waits until it reports ready. */
  public static PrometheusServer start(Exporter exporter) throws IOException, InterruptedException {
    return start(List.of(exporter.target()));
  }

  /** Starts Prometheus scraping every {@code host:port} target every second and waits until it reports ready. */
  public static PrometheusServer start(List<String> targets) throws IOException, InterruptedException {
    return new PrometheusServer(PrometheusProcess.start(targets, Duration.ofSeconds(1)));
  }

  public String url() { return process.url(); }

  public String log() { return process.log(); }

  /** Stops the process (the port then refuses connections); {@link #close()} also removes the files. */
  public void stop() throws InterruptedException { process.stop(); }

  @Override
  public void close() throws InterruptedException { process.close(); }
}
