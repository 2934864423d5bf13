package dev.suture.core.analysis;

import java.util.List;
import java.util.Optional;

/**
 * A decided gate. {@code decidingMetric} is empty when every deciding metric simply succeeded.
 * {@code metrics} holds one summary line per metric (dry-run ones included) so the verdict explains
 * all counts, not only the deciding one.
 */
public record Verdict(GateOutcome outcome, Optional<String> decidingMetric, String reason, List<String> metrics) {
  public Verdict {
    if (outcome == null) throw new InvalidMetricException("outcome", "is required");
    decidingMetric = decidingMetric == null ? Optional.empty() : decidingMetric;
    if (reason == null || reason.isBlank()) throw new InvalidMetricException("reason", "is required");
    metrics = List.copyOf(metrics == null ? List.of() : metrics);
  }

  /** The reason followed by every metric's line. */
  public String explanation() {
    StringBuilder b = new StringBuilder(reason);
    for (String m : metrics) b.append('\n').append("  ").append(m);
    return b.toString();
  }
}
