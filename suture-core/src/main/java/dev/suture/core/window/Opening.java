package dev.suture.core.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One occurrence of a window or freeze: {@code [start, end)}. */
public record Opening(Instant start, Instant end) {
  public Opening {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) throw new IllegalArgumentException("an opening ends after it starts (" + start + " .. " + end + ")");
  }

  public boolean contains(Instant t) { return !t.isBefore(start) && t.isBefore(end); }

  /** The last instant at which work may still start: {@code end - cutoff}. */
  public Instant latestStart(Duration cutoff) { return end.minus(cutoff); }
}
