package dev.suture.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.port.ActionResult;
import dev.suture.core.port.TargetExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link TargetExecutor} must do, whatever it runs on. Subclasses provide an executor
 * whose target has a POSIX {@code sh}, {@code sleep} and {@code printf}, sharing this file system.
 */
public abstract class TargetExecutorContract {
  protected static final Duration GENEROUS = Duration.ofSeconds(30);

  @TempDir protected Path tmp;

  protected abstract TargetExecutor executor();

  @Test
  void reportsExitCodeAndOutputOfAFailingCommand() throws Exception {
    ActionResult r = executor().run(ContractFixtures.request(GENEROUS, "sh", "-c", "echo out; echo err >&2; exit 3"), ref -> {});
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.ok()).isFalse();
    assertThat(r.timedOut()).isFalse();
    assertThat(r.output()).contains("out").contains("err");
    assertThat(r.describe()).startsWith("exit 3");
  }

  @Test
  void succeedsOnExitZero() throws Exception {
    ActionResult r = executor().run(ContractFixtures.request(GENEROUS, "sh", "-c", "echo fine"), ref -> {});
    assertThat(r.ok()).isTrue();
    assertThat(r.output()).isEqualTo("fine\n");
  }

  @Test
  void killsACommandThatOutlivesItsTimeout() throws Exception {
    Path marker = tmp.resolve("finished");
    long t0 = System.nanoTime();
    ActionResult r = executor().run(
        ContractFixtures.request(Duration.ofMillis(300), "sh", "-c", "sleep 1; touch \"$0\"", marker.toString()), ref -> {});
    assertThat(r.timedOut()).isTrue();
    assertThat(r.ok()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    Thread.sleep(1500);
    assertThat(marker).as("a killed command must not finish its work").doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"web1; touch %s/semicolon", "$(touch %s/subst)", "`touch %s/backtick`",
      "a b  'c' \"d\" * ? ~ %s", "| touch %s/pipe &", ""})
  void passesEveryArgumentLiterallyWithoutAShell(String template) throws Exception {
    String arg = template.replace("%s", tmp.toString());
    ActionResult r = executor().run(ContractFixtures.request(GENEROUS, "printf", "%s", arg), ref -> {});
    assertThat(r.ok()).isTrue();
    assertThat(r.output()).isEqualTo(arg);
    try (var files = Files.list(tmp)) {
      assertThat(files).as("nothing may be executed from an argument").isEmpty();
    }
  }

  @Test
  void interruptStopsTheRunAndKeepsTheInterruptFlag() throws Exception {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Path marker = tmp.resolve("finished");
    Thread worker = new Thread(() -> {
      try {
        outcome.set(executor().run(
            ContractFixtures.request(GENEROUS, "sh", "-c", "sleep 2; touch \"$0\"", marker.toString()), ref -> {}));
      } catch (InterruptedException e) {
        outcome.set(Thread.currentThread().isInterrupted() ? "interrupted, flag set" : "interrupted, flag cleared");
      }
    }, "contract-interrupt-worker");
    worker.start();
    Thread.sleep(300);
    worker.interrupt();
    worker.join(10_000);
    assertThat(worker.isAlive()).isFalse();
    assertThat(outcome.get()).isEqualTo("interrupted, flag set");
    Thread.sleep(2500);
    assertThat(marker).as("an interrupted command must be stopped").doesNotExist();
  }
}
