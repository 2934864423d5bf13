package dev.suture.command;

import dev.suture.core.contract.ContractFixtures;
import dev.suture.core.model.Asset;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.template.TemplateContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Values the tests share. */
final class Fixtures {
  private Fixtures() {}

  static Asset asset(String name) { return ContractFixtures.asset(name); }

  static TemplateContext context(Asset target) { return ContractFixtures.context(target); }

  static ActionRequest request(Asset target, Duration timeout, String... argv) { return ContractFixtures.request(target, timeout, argv); }

  static ActionRequest request(Duration timeout, String... argv) { return ContractFixtures.request(timeout, argv); }

  static long readPid(Path file) throws IOException {
    return Long.parseLong(Files.readString(file).trim());
  }

  /** Running = exists and is not a zombie (PID 1 here may never reap orphans). */
  static boolean running(long pid) {
    return ProcessHandle.of(pid).map(ProcessTree::isRunning).orElse(false);
  }
}
