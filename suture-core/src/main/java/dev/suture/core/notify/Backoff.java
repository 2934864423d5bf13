package dev.suture.core.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * Retry schedule for failed deliveries: {@code initial} doubling up to {@code max}, no jitter (so
 * tests can predict it; rows are spread out by their own creation times anyway). After
 * {@code maxAttempts} failures a delivery is DEAD.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 12);

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial backoff must be positive");
    if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max backoff must be at least the initial backoff");
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
  }

  /** Delay before the next attempt after {@code failures} failed ones (1 → initial, 2 → 2×initial, ...). */
  public Duration delayAfter(int failures) {
    if (failures < 1) throw new IllegalArgumentException("failures must be at least 1");
    Duration d = initial;
    for (int i = 1; i < failures && d.compareTo(max) < 0; i++) d = d.multipliedBy(2);
    return d.compareTo(max) > 0 ? max : d;
  }

  public boolean exhausted(int failures) { return failures >= maxAttempts; }
}
