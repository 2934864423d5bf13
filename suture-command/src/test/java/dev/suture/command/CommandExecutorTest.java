package dev.suture.command;

import dev.suture.core.contract.TargetExecutorContract;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.port.ActionResult;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandExecutorTest extends TargetExecutorContract {
  private final CommandExecutor executor = new CommandExecutor(Duration.ofMillis(500));
  private final List<Process> spawned = new ArrayList<>();

  @Override protected TargetExecutor executor() { return executor; }

  @AfterEach
  void killWhatTheTestStarted() {
    spawned.forEach(p -> ProcessTree.kill(p.toHandle(), Duration.ofMillis(200)));
  }

  @Test
  void typeIsCommand() {
    assertThat(executor.type()).isEqualTo("command");
  }

  @Test
  void reportsTheStartedProcessBeforeItEnds() throws Exception {
    AtomicReference<ProcessRef> seen = new AtomicReference<>();
    AtomicReference<Boolean> aliveWhenReported = new AtomicReference<>();
    executor.run(Fixtures.request(TargetExecutorContract.GENEROUS, "sleep", "0.3"), ref -> {
      seen.set(ref);
      aliveWhenReported.set(Fixtures.running(ref.pid()));
    });
    assertThat(seen.get()).isNotNull();
    assertThat(aliveWhenReported.get()).isTrue();
    assertThat(seen.get().startedAt()).isNotNull();
  }

  @Test
  void passesActionKeyAndTargetInTheEnvironment() throws Exception {
    ActionResult r = executor.run(Fixtures.request(TargetExecutorContract.GENEROUS,
        "sh", "-c", "printf '%s|%s' \"$SUTURE_ACTION_KEY\" \"$SUTURE_TARGET\""), ref -> {});
    assertThat(r.output()).isEqualTo("r1/web1/apply/1|web1");
  }

  @Test
  void closesStandardInput() throws Exception {
    ActionResult r = executor.run(Fixtures.request(Duration.ofSeconds(5), "cat"), ref -> {});
    assertThat(r.ok()).as("cat must see EOF at once, not wait for input").isTrue();
  }

  @Test
  void missingExecutableIsAnErrorResultNotAnException() throws Exception {
    ActionResult r = executor.run(Fixtures.request(TargetExecutorContract.GENEROUS, "/nonexistent/suture-x"), ref -> {
      throw new AssertionError("nothing started");
    });
    assertThat(r.error()).isEqualTo("cannot run '/nonexistent/suture-x': No such file or directory");
    assertThat(r.exitCode()).isEqualTo(ActionResult.NO_EXIT);
    assertThat(r.ok()).isFalse();
  }

  @Test
  void outputLargerThanTheBufferNeitherBlocksNorGrowsAndKeepsTheTail() throws Exception {
    ActionResult r = executor.run(Fixtures.request(TargetExecutorContract.GENEROUS, "seq", "1", "200000"), ref -> {});
    assertThat(r.ok()).isTrue();
    assertThat(r.output()).hasSizeLessThanOrEqualTo(CommandExecutor.TAIL_BYTES)
        .endsWith("199999\n200000\n").doesNotStartWith("1\n");
  }

  @Test
  void timeoutKillsTheWholeProcessTree(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path pidFile = tmp.resolve("bg.pid");
    AtomicReference<ProcessRef> root = new AtomicReference<>();
    ActionResult r = executor.run(Fixtures.request(Duration.ofMillis(500),
        "sh", "-c", "sleep 60 & echo $! > \"$0\"; sleep 60", pidFile.toString()), root::set);
    assertThat(r.timedOut()).isTrue();
    long background = Fixtures.readPid(pidFile);
    assertThat(Fixtures.running(background)).as("background child %d", background).isFalse();
    assertThat(Fixtures.running(root.get().pid())).as("shell %d", root.get().pid()).isFalse();
  }

  @Test
  void timeoutLeavesNoProcessBehind() throws Exception {
    String marker = "987.6543"; // a sleep duration no other process uses
    ActionResult r = executor.run(Fixtures.request(Duration.ofMillis(500),
        "sh", "-c", "sleep " + marker + " & sleep " + marker), ref -> {});
    assertThat(r.timedOut()).isTrue();
    assertThat(ProcessHandle.allProcesses().filter(ProcessTree::isRunning)
        .filter(h -> h.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)))
        .isEmpty();
  }

  @Test
  void interruptKillsTheProcessTree() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<ProcessRef> root = new AtomicReference<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        executor.run(Fixtures.request(TargetExecutorContract.GENEROUS, "sh", "-c", "sleep 60 & sleep 60"), ref -> {
          root.set(ref);
          started.countDown();
        });
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, "interrupt-tree-worker");
    worker.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200); // let the shell fork its children
    List<Long> tree = new ArrayList<>(ProcessHandle.of(root.get().pid()).orElseThrow()
        .descendants().map(ProcessHandle::pid).toList());
    tree.add(root.get().pid());
    worker.interrupt();
    worker.join(10_000);
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(tree).hasSizeGreaterThanOrEqualTo(3).noneMatch(Fixtures::running);
  }

  @Test
  void aCommandThatLeavesADaemonHoldingItsOutputStillReturns() throws Exception {
    long t0 = System.nanoTime();
    ActionResult r = executor.run(Fixtures.request(TargetExecutorContract.GENEROUS,
        "sh", "-c", "sleep 3.1234 & echo started"), ref -> {});
    assertThat(r.ok()).isTrue();
    assertThat(r.output()).isEqualTo("started\n");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    ProcessHandle.allProcesses().filter(h -> h.info().arguments().map(a -> List.of(a).contains("3.1234")).orElse(false))
        .forEach(ProcessHandle::destroy);
  }

  @Test
  void adoptWaitsForAProcessLeftByAnEarlierIncarnation() throws Exception {
    ProcessRef ref = startDetached("sleep", "1.5");
    long t0 = System.nanoTime();
    var result = executor.adopt(ref, Duration.ofSeconds(30));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(800));
    assertThat(result).hasValueSatisfying(r -> {
      assertThat(r.exitCode()).isEqualTo(ActionResult.NO_EXIT);
      assertThat(r.error()).isNull();
      assertThat(r.timedOut()).isFalse();
      assertThat(r.output()).isEqualTo("adopted process " + ref.pid() + " ended");
    });
  }

  @Test
  void adoptKillsTheProcessWhenTheRemainingTimeRunsOut() throws Exception {
    ProcessRef ref = startDetached("sleep", "60");
    var result = executor.adopt(ref, Duration.ofMillis(300));
    assertThat(result).hasValueSatisfying(r -> assertThat(r.timedOut()).isTrue());
    assertThat(Fixtures.running(ref.pid())).isFalse();
  }

  @Test
  void adoptReturnsEmptyForAProcessThatIsGone() throws Exception {
    Process p = new ProcessBuilder("sleep", "0.2").start(); // lives long enough to read its start instant
    ProcessRef ref = new ProcessRef(p.pid(), p.toHandle().info().startInstant().orElseThrow());
    p.waitFor();
    assertThat(executor.adopt(ref, Duration.ofSeconds(5))).isEmpty();
  }

  @Test
  void adoptReturnsEmptyWhenThePidWasReusedByAnotherProcess() throws Exception {
    ProcessRef live = startDetached("sleep", "60");
    ProcessRef recorded = new ProcessRef(live.pid(), live.startedAt().minus(Duration.ofHours(1)));
    long t0 = System.nanoTime();
    assertThat(executor.adopt(recorded, Duration.ofSeconds(30))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(Fixtures.running(live.pid())).as("an unrelated process must be left alone").isTrue();
  }

  /** Stands in for a process started by a node that has since crashed. */
  private ProcessRef startDetached(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    spawned.add(p);
    return new ProcessRef(p.pid(), p.toHandle().info().startInstant().orElseThrow());
  }
}
