package dev.suture.http;

import dev.suture.core.contract.CheckRunnerContract;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.template.TemplateContext;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCheckRunnerTest extends CheckRunnerContract {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final HttpCheckRunner runner = new HttpCheckRunner();
  private TestServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new TestServer()
        .respond("/health", 200, "{\"status\":\"UP\",\"version\":\"3.0.13\"}")
        .respond("/down", 503, "maintenance")
        .handle("/slow", exchange -> {
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // server shutting down: just stop
            return;
          }
          TestServer.reply(exchange, 200, "late");
        })
        .respond("/big", 200, "x".repeat(HttpCheckRunner.MAX_BODY_BYTES) + "NEEDLE");
  }

  @AfterEach
  void stopServer() { server.close(); }

  @Override protected CheckRunner runner() { return runner; }

  @Override protected CheckRunner.ExecutorHandle executorHandle() {
    return (argv, timeout) -> { throw new AssertionError("http checks run in-process, not through the executor"); };
  }

  @Override protected TemplateContext context() { return Fixtures.context("127.0.0.1:" + server.port()); }

  private static CheckSpec check(String url, int status, String regex, Duration timeout) {
    return new CheckSpec("health", new CheckSpec.Http(url, status, Optional.ofNullable(regex), timeout));
  }

  @Override protected CheckSpec healthy() { return check(server.url("/health"), 200, null, TIMEOUT); }
  @Override protected CheckSpec unhealthy() { return check(server.url("/down"), 200, null, TIMEOUT); }
  @Override protected CheckSpec hanging(Duration timeout) { return check(server.url("/slow"), 200, null, timeout); }
  @Override protected CheckSpec naming(String variable) { return check("http://{{" + variable + "}}/health", 200, null, TIMEOUT); }

  @Override protected CheckSpec unmeasurable() {
    try {
      return check("http://127.0.0.1:" + TestServer.closedPort() + "/health", 200, null, TIMEOUT);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private CheckResult run(CheckSpec spec) throws InterruptedException {
    return runner.run(spec, context(), executorHandle());
  }

  @Test
  void failsOnUnexpectedStatusNamingBoth() throws Exception {
    assertThat(run(unhealthy()).message()).isEqualTo("status 503, expected 200");
  }

  @Test
  void passesWhenTheExpectedStatusIsNot200() throws Exception {
    assertThat(run(check(server.url("/down"), 503, "maint", TIMEOUT)).status()).isEqualTo(CheckResult.Status.PASS);
  }

  @Test
  void passesWhenTheBodyContainsTheRegex() throws Exception {
    assertThat(run(check(server.url("/health"), 200, "\"version\":\"3\\.0\\.\\d+\"", TIMEOUT)).status())
        .isEqualTo(CheckResult.Status.PASS);
  }

  @Test
  void failsWhenTheBodyDoesNotMatch() throws Exception {
    CheckResult r = run(check(server.url("/health"), 200, "\"status\":\"DOWN\"", TIMEOUT));
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.message()).isEqualTo("body did not match /\"status\":\"DOWN\"/");
  }

  @Test
  void readsOnlyTheFirst64KiBOfTheBody() throws Exception {
    assertThat(run(check(server.url("/big"), 200, "^x+", TIMEOUT)).status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(run(check(server.url("/big"), 200, "NEEDLE", TIMEOUT)).status()).isEqualTo(CheckResult.Status.FAIL);
  }

  @Test
  void connectionRefusedIsAnErrorNamingTheUrl() throws Exception {
    CheckSpec spec = unmeasurable();
    CheckResult r = run(spec);
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).contains("connection refused").contains(((CheckSpec.Http) spec.probe()).url());
  }

  @Test
  void anUnresolvableHostIsAnError() throws Exception {
    CheckResult r = run(check("http://no-such-host.invalid/health", 200, null, TIMEOUT));
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    // A resolver that cannot answer at all makes this a timeout instead; both are errors.
    assertThat(r.message()).endsWith(": GET http://no-such-host.invalid/health")
        .satisfiesAnyOf(m -> assertThat(m).startsWith("cannot resolve host"), m -> assertThat(m).startsWith("timed out"));
  }

  @Test
  void aSlowServerIsAnErrorWithinTheTimeout() throws Exception {
    long t0 = System.nanoTime();
    CheckResult r = run(hanging(Duration.ofMillis(500)));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).contains("timed out after 500 ms").contains(server.url("/slow"));
    assertThat(took).isBetween(Duration.ofMillis(400), Duration.ofMillis(2000));
  }

  @Test
  void rendersTheTargetAddressIntoTheUrl() throws Exception {
    CheckResult r = run(check("http://{{target.address}}/health", 200, "UP", TIMEOUT));
    assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(server.received).extracting(TestServer.Received::path).containsExactly("/health");
    assertThat(server.received.get(0).method()).isEqualTo("GET");
  }

  @Test
  void aBadUrlIsAnErrorNamingIt() throws Exception {
    CheckResult spaces = run(check("http://{{target.address}}/he alth", 200, null, TIMEOUT));
    assertThat(spaces.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(spaces.message()).startsWith("bad URL http://127.0.0.1:" + server.port() + "/he alth");
    CheckResult scheme = run(check("ftp://{{target.address}}/health", 200, null, TIMEOUT));
    assertThat(scheme.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(scheme.message()).startsWith("bad URL ftp://");
  }

  @Test
  void aBadRegexIsAnErrorNotAFailure() throws Exception {
    CheckResult r = run(check(server.url("/health"), 200, "([", TIMEOUT));
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).startsWith("bad bodyRegex /([/");
  }

  @Test
  void interruptThrowsInterruptedException() throws Exception {
    var outcome = new java.util.concurrent.atomic.AtomicReference<Object>();
    Thread worker = new Thread(() -> {
      try {
        outcome.set(run(hanging(Duration.ofSeconds(30))));
      } catch (InterruptedException e) {
        outcome.set(e);
      }
    }, "http-interrupt-worker");
    worker.start();
    Thread.sleep(300);
    worker.interrupt();
    worker.join(5_000);
    assertThat(worker.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
  }
}
