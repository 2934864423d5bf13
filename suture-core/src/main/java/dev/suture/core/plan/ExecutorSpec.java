package dev.suture.core.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How commands reach a target. {@code type} picks the adapter (command, ssh, ...); apply/version/
 * rollback are argv templates. {@code rollback} is optional and used only when no snapshot exists.
 * A package preset ({@code preset: apt}, ...) is expanded by the plan reader into apply, version
 * and the reboot-required probe, so nothing here knows about package managers.
 * {@code reboot} says whether the target is rebooted after apply ({@link RebootSpec#NEVER} by default).
 */
public record ExecutorSpec(String type, List<String> apply, List<String> version, List<String> rollback,
                           Duration timeout, Map<String, String> options, RebootSpec reboot) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public ExecutorSpec {
    apply = List.copyOf(apply);
    version = List.copyOf(version == null ? List.of() : version);
    rollback = List.copyOf(rollback == null ? List.of() : rollback);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    options = Map.copyOf(options == null ? Map.of() : options);
    reboot = reboot == null ? RebootSpec.NEVER : reboot;
  }

  /** Without a reboot step (reboot: never). */
  public ExecutorSpec(String type, List<String> apply, List<String> version, List<String> rollback, Duration timeout,
                      Map<String, String> options) {
    this(type, apply, version, rollback, timeout, options, RebootSpec.NEVER);
  }
}
