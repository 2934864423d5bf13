package dev.suture.command;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.port.ActionKey;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.template.TemplateContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Values the tests share. */
final class Fixtures {
  private Fixtures() {}

  static Asset asset(String name) {
    return new Asset(name, "staging", "127.0.0.1", List.of("web"), Map.of("role", "web"), null);
  }

  static TemplateContext context(Asset target) {
    Patch patch = new Patch("openssl-3.0.13", "OpenSSL fix", PatchKind.SECURITY, null, Priority.HIGH, "3.0.13", null, null);
    return new TemplateContext("r1", patch, target);
  }

  static ActionRequest request(Asset target, Duration timeout, String... argv) {
    return new ActionRequest(new ActionKey("r1", target.name(), ActionKind.APPLY, 1), target, List.of(argv), timeout, Map.of());
  }

  static ActionRequest request(Duration timeout, String... argv) {
    return request(asset("web1"), timeout, argv);
  }

  static long readPid(Path file) throws IOException {
    return Long.parseLong(Files.readString(file).trim());
  }

  /** Running = exists and is not a zombie (PID 1 here may never reap orphans). */
  static boolean running(long pid) {
    return ProcessHandle.of(pid).map(ProcessTree::isRunning).orElse(false);
  }
}
