package dev.suture.command;

import dev.suture.core.contract.CheckRunnerContract;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.model.Asset;
import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.template.TemplateContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandCheckRunnerTest extends CheckRunnerContract {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final CommandExecutor executor = new CommandExecutor(Duration.ofMillis(500));
  private final List<List<String>> ran = new ArrayList<>();
  private Asset target = Fixtures.asset("web1");

  @TempDir Path tmp;

  @Override protected CheckRunner runner() { return new CommandCheckRunner(); }

  @Override protected CheckRunner.ExecutorHandle executorHandle() {
    return (argv, timeout) -> {
      ran.add(argv);
      ActionRequest request = Fixtures.request(target, timeout, argv.toArray(String[]::new));
      return executor.run(request, ref -> {});
    };
  }

  @Override protected TemplateContext context() { return Fixtures.context(target); }

  private static CheckSpec check(Duration timeout, String... argv) {
    return new CheckSpec("probe", new CheckSpec.Command(List.of(argv), timeout));
  }

  @Override protected CheckSpec healthy() { return check(TIMEOUT, "sh", "-c", "exit 0"); }
  @Override protected CheckSpec unhealthy() { return check(TIMEOUT, "sh", "-c", "echo sick; exit 1"); }
  @Override protected CheckSpec unmeasurable() { return check(TIMEOUT, "/nonexistent/probe"); }
  @Override protected CheckSpec hanging(Duration timeout) { return check(timeout, "sleep", "30"); }
  @Override protected CheckSpec naming(String variable) { return check(TIMEOUT, "echo", "{{" + variable + "}}"); }

  @Test
  void failureMessageCarriesExitCodeAndOutput() throws Exception {
    CheckResult r = runner().run(unhealthy(), context(), executorHandle());
    assertThat(r.message()).isEqualTo("exit 1: sick");
  }

  @Test
  void cannotRunIsReportedAsError() throws Exception {
    CheckResult r = runner().run(unmeasurable(), context(), executorHandle());
    assertThat(r.message()).isEqualTo("cannot run '/nonexistent/probe': No such file or directory");
  }

  @Test
  void rendersTemplateVariablesIntoSingleArguments() throws Exception {
    target = Fixtures.asset("web1; touch " + tmp.resolve("owned"));
    CheckResult r = runner().run(check(TIMEOUT, "printf", "%s", "{{target.name}}@{{patch.version}}"), context(), executorHandle());
    assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(ran).containsExactly(List.of("printf", "%s", target.name() + "@3.0.13"));
    assertThat(r.message()).isEqualTo("exit 0: " + target.name() + "@3.0.13");
    assertThat(Files.exists(tmp.resolve("owned"))).isFalse();
  }

  @Test
  void unknownVariableRunsNothing() throws Exception {
    runner().run(naming("target.labels.nope"), context(), executorHandle());
    assertThat(ran).isEmpty();
  }
}
