package dev.suture.core.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How commands reach a target. {@code type} picks the adapter (command, ssh, ...); apply/version/
 * rollback are argv templates. {@code rollback} is optional and used only when no snapshot exists.
 */
public record ExecutorSpec(String type, List<String> apply, List<String> version, List<String> rollback,
                           Duration timeout, Map<String, String> options) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public ExecutorSpec {
    apply = List.copyOf(apply);
    version = List.copyOf(version == null ? List.of() : version);
    rollback = List.copyOf(rollback == null ? List.of() : rollback);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    options = Map.copyOf(options == null ? Map.of() : options);
  }
}
