package dev.suture.ssh;

import dev.suture.core.contract.TargetExecutorContract;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import dev.suture.ssh.testing.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The executor port's contract, run over SSH against a real sshd on loopback. */
class SshExecutorContractTest extends TargetExecutorContract {
  private static Path work;
  private static Sshd sshd;
  private static SshFleet fleet;
  private static SshExecutor ssh;

  @BeforeAll
  static void startSshd() throws Exception {
    Sshd.assumeAvailable();
    work = Files.createTempDirectory("suture-ssh-contract");
    sshd = Sshd.start(work);
    fleet = new SshFleet(sshd, 1);
    ssh = new SshExecutor(fleet.credentials, fleet.knownHosts, HostKeyListener.NONE);
  }

  @AfterAll
  static void stop() {
    if (ssh != null) ssh.close();
    if (sshd != null) sshd.close();
  }

  /** The contract's temp dir is where the remote user must be able to write its markers. */
  @BeforeEach
  void openTmp() throws Exception {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  @Override protected TargetExecutor executor() {
    return new TargetExecutor() {
      @Override public String type() { return ssh.type(); }

      @Override public ActionResult run(ActionRequest r, Consumer<ProcessRef> started) throws InterruptedException {
        return ssh.run(withOptions(r), started);
      }

      @Override public CompletableFuture<ActionResult> start(ActionRequest r, Consumer<ProcessRef> started, ExecutorService blocking) {
        return ssh.start(withOptions(r), started, blocking);
      }
    };
  }

  private static ActionRequest withOptions(ActionRequest r) {
    return new ActionRequest(r.key(), SshFleet.asset(r.target().name(), Sshd.address(0)), r.argv(), r.timeout(), fleet.options());
  }
}
