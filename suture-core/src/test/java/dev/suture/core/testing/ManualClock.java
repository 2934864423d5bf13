package dev.suture.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand; the engine polls it, so advancing it ends bakes without sleeping. */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;

  public ManualClock(Instant start) { this.now = new AtomicReference<>(start); }

  public static ManualClock startingAt(String iso) { return new ManualClock(Instant.parse(iso)); }

  public void advance(Duration d) { now.updateAndGet(t -> t.plus(d)); }

  @Override public Instant instant() { return now.get(); }

  @Override public ZoneId getZone() { return ZoneOffset.UTC; }

  @Override public Clock withZone(ZoneId zone) { return this; }
}
