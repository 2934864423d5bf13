package dev.suture.core.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An audit event about a rollout (subject {@code rollout/ID}) with its details parsed: the
 * engine's record of gate measurements, verdicts, halts, rollbacks and target failures.
 */
public record AuditFact(long sequence, Instant time, String action, String rolloutId, Map<String, Object> details) {
  public AuditFact {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(rolloutId, "rolloutId");
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public String text(String key) {
    Object v = details.get(key);
    return v == null ? "" : v.toString();
  }

  /** A number nested one level down, e.g. {@code figures.canaryErrorDelta}. */
  public Optional<Double> figure(String map, String key) {
    if (!(details.get(map) instanceof Map<?, ?> m)) return Optional.empty();
    return m.get(key) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
  }
}
