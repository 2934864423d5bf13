package dev.suture.core.metrics;

import java.util.Collection;

/** Mean and max that say "no data" (NaN) for an empty input instead of a misleading 0. */
final class Stats {
  private Stats() {}

  static double mean(Collection<Double> xs) {
    return xs.isEmpty() ? Double.NaN : xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  static double max(Collection<Double> xs) {
    return xs.isEmpty() ? Double.NaN : xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static double ratio(long part, long whole) { return whole == 0 ? Double.NaN : (double) part / whole; }

  static double seconds(java.time.Duration d) { return d.toNanos() / 1e9; }
}
