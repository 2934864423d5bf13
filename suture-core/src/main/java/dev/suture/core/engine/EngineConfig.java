package dev.suture.core.engine;

import java.time.Duration;

/**
 * Engine tuning. {@code owner} names this node in lease rows; it must be stable across restarts
 * of the same node so that a restarted node may take its own leases back at once.
 */
public record EngineConfig(String owner, Duration lease, Duration heartbeat, Duration sweep, Duration tick,
                           int rollbackConcurrency, int checkConcurrency) {
  public EngineConfig {
    if (heartbeat.compareTo(lease) >= 0) throw new IllegalArgumentException("heartbeat must be shorter than the lease");
  }

  public static EngineConfig defaults(String owner) {
    return new EngineConfig(owner, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5),
        Duration.ofMillis(100), 10, 16);
  }

  public EngineConfig withTick(Duration t) {
    return new EngineConfig(owner, lease, heartbeat, sweep, t, rollbackConcurrency, checkConcurrency);
  }
}
