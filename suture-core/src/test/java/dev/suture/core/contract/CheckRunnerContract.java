package dev.suture.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.template.TemplateContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CheckRunner} must do. Above all: a check that could not measure is ERROR,
 * never PASS, and a template problem is a result, not an exception.
 */
public abstract class CheckRunnerContract {
  protected abstract CheckRunner runner();
  protected abstract CheckRunner.ExecutorHandle executorHandle();
  protected abstract TemplateContext context();
  protected abstract CheckSpec healthy();
  protected abstract CheckSpec unhealthy();
  /** A check whose target cannot be reached or run at all. */
  protected abstract CheckSpec unmeasurable();
  /** A check that hangs far longer than {@code timeout}. */
  protected abstract CheckSpec hanging(Duration timeout);
  /** A check whose template names {@code variable}, which has no value. */
  protected abstract CheckSpec naming(String variable);

  private CheckResult run(CheckSpec spec) throws InterruptedException {
    return runner().run(spec, context(), executorHandle());
  }

  @Test
  void servesTheTypeOfItsProbes() {
    assertThat(runner().type()).isEqualTo(healthy().type());
  }

  @Test
  void passesAHealthyTarget() throws Exception {
    CheckResult r = run(healthy());
    assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.check()).isEqualTo(healthy().name());
  }

  @Test
  void failsAnUnhealthyTargetWithAMessage() throws Exception {
    CheckResult r = run(unhealthy());
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.message()).isNotBlank();
  }

  @Test
  void reportsErrorNotPassWhenItCannotMeasure() throws Exception {
    CheckResult r = run(unmeasurable());
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).isNotBlank();
  }

  @Test
  void honoursTheProbeTimeout() throws Exception {
    long t0 = System.nanoTime();
    CheckResult r = run(hanging(Duration.ofMillis(500)));
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void reportsAnUnknownTemplateVariableAsErrorNamingIt() throws Exception {
    CheckResult r = run(naming("target.labels.nope"));
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(r.message()).contains("target.labels.nope");
  }
}
