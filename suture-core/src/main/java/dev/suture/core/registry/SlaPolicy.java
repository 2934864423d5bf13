package dev.suture.core.registry;

import dev.suture.core.model.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a proposed patch is due (SOP-005: Emergency immediately, High within 7 days, Routine in the
 * next scheduled window). "Immediately" needs a number to be measurable: {@code emergency}, 24 h
 * by default. Routine asks {@code nextWindowOpening} for the first window opening at or after the
 * proposal and falls back to {@code routineFallback} when no window is scheduled, so a routine
 * patch can never be due "never".
 *
 * <p>A record is at risk once no more than {@code atRiskFraction} of its SLA span is left.
 */
public record SlaPolicy(Duration emergency, Duration high, Duration routineFallback,
                        Function<Instant, Optional<Instant>> nextWindowOpening, double atRiskFraction) {
  public static final Duration DEFAULT_EMERGENCY = Duration.ofHours(24);
  public static final Duration DEFAULT_HIGH = Duration.ofDays(7);
  public static final Duration DEFAULT_ROUTINE_FALLBACK = Duration.ofDays(30);
  public static final double DEFAULT_AT_RISK_FRACTION = 0.25;

  public SlaPolicy {
    positive("suture.sla.emergency", emergency);
    positive("suture.sla.high", high);
    positive("suture.sla.routine-fallback", routineFallback);
    Objects.requireNonNull(nextWindowOpening, "nextWindowOpening");
    if (!(atRiskFraction > 0 && atRiskFraction < 1)) throw new IllegalArgumentException("atRiskFraction must be between 0 and 1");
  }

  public static SlaPolicy defaults(Function<Instant, Optional<Instant>> nextWindowOpening) {
    return new SlaPolicy(DEFAULT_EMERGENCY, DEFAULT_HIGH, DEFAULT_ROUTINE_FALLBACK, nextWindowOpening, DEFAULT_AT_RISK_FRACTION);
  }

  /** No maintenance windows known: routine patches use the fallback. */
  public static SlaPolicy defaults() { return defaults(t -> Optional.empty()); }

  public Instant due(Priority priority, Instant proposedAt) {
    Objects.requireNonNull(proposedAt, "proposedAt");
    switch (priority) {
      case EMERGENCY: return proposedAt.plus(emergency);
      case HIGH: return proposedAt.plus(high);
      default:
        Optional<Instant> window = nextWindowOpening.apply(proposedAt);
        // A window function that answers with a past opening is a bug there; do not let it make the
        // patch overdue the moment it is proposed.
        return window.filter(w -> !w.isBefore(proposedAt)).orElse(proposedAt.plus(routineFallback));
    }
  }

  /** How long before {@code due} a record counts as at risk. */
  public Duration atRiskMargin(Instant proposedAt, Instant due) {
    Duration span = Duration.between(proposedAt, due);
    return Duration.ofMillis((long) (span.toMillis() * atRiskFraction));
  }

  private static void positive(String field, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) throw InvalidFieldsException.of(field, "must be a positive duration, was " + d);
  }
}
