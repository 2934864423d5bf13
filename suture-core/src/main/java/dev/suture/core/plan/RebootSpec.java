package dev.suture.core.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a target is rebooted after a successful apply (plan: {@code executor.reboot}).
 *
 * <ul>
 *   <li>{@code requiredProbe}: argv run on the target after apply; an exit code in
 *       {@code requiredExitCodes} means "a reboot is required". Used by {@link Policy#IF_REQUIRED}.
 *       Other exit codes mean "not required", except that a probe that could not run at all
 *       (executor error, timeout, or 126/127 = command not executable/not found) should fail the
 *       target rather than be taken as "no reboot needed" — a missing {@code needs-restarting}
 *       must not silently leave a new kernel inactive.</li>
 *   <li>{@code command}: argv that reboots the target ({@code systemctl reboot} by default).</li>
 *   <li>{@code reconnectTimeout}: how long the target may take to come back after the reboot.</li>
 * </ul>
 *
 * All argv are templates, rendered like every other command.
 */
public record RebootSpec(Policy policy, List<String> requiredProbe, Set<Integer> requiredExitCodes, List<String> command,
                         Duration reconnectTimeout, List<String> bootIdProbe) {
  public enum Policy { NEVER, IF_REQUIRED, ALWAYS }

  public static final Duration DEFAULT_RECONNECT_TIMEOUT = Duration.ofMinutes(10);
  public static final List<String> DEFAULT_COMMAND = List.of("systemctl", "reboot");
  public static final Set<Integer> DEFAULT_EXIT_CODES = Set.of(0);

  /**
   * Prints an id that changes with every boot (Linux; world-readable, so no sudo). Read before and
   * after the reboot command: a different value proves the target really rebooted, rather than
   * merely answering again before going down.
   */
  public static final List<String> BOOT_ID_PROBE = List.of("cat", "/proc/sys/kernel/random/boot_id");

  /** No reboot. */
  public static final RebootSpec NEVER = new RebootSpec(Policy.NEVER, List.of(), Set.of(), List.of(), null);

  public RebootSpec {
    Objects.requireNonNull(policy, "policy");
    requiredProbe = List.copyOf(requiredProbe == null ? List.of() : requiredProbe);
    requiredExitCodes = Set.copyOf(requiredExitCodes == null ? Set.of() : requiredExitCodes);
    command = List.copyOf(command == null ? List.of() : command);
    reconnectTimeout = reconnectTimeout == null ? DEFAULT_RECONNECT_TIMEOUT : reconnectTimeout;
    bootIdProbe = List.copyOf(bootIdProbe == null || bootIdProbe.isEmpty() ? BOOT_ID_PROBE : bootIdProbe);
    if (policy == Policy.IF_REQUIRED && (requiredProbe.isEmpty() || requiredExitCodes.isEmpty()))
      throw new IllegalArgumentException("reboot policy ifRequired needs a reboot-required probe and its exit codes");
    if (policy != Policy.NEVER && command.isEmpty())
      throw new IllegalArgumentException("reboot policy " + policy + " needs a reboot command");
    if (reconnectTimeout.isZero() || reconnectTimeout.isNegative())
      throw new IllegalArgumentException("reconnectTimeout must be greater than 0");
  }


  /** With the default boot-id probe. */
  public RebootSpec(Policy policy, List<String> requiredProbe, Set<Integer> requiredExitCodes, List<String> command,
                    Duration reconnectTimeout) {
    this(policy, requiredProbe, requiredExitCodes, command, reconnectTimeout, BOOT_ID_PROBE);
  }

  /** True when the probe's exit code says a reboot is required. */
  public boolean requiresReboot(int exitCode) { return requiredExitCodes.contains(exitCode); }
}
