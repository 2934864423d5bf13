package dev.suture.core.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Count, mean, median, 90th percentile and max of durations in seconds; NaN for all but the count
 * when there is nothing to summarise ("no data", not zero).
 *
 * <p>The median of an even count is the mean of the two middle values; p90 is the nearest-rank
 * percentile (the value at rank ⌈0.9·n⌉ of the sorted values), so it is always a measured value.
 */
public record DurationStats(long count, double mean, double median, double p90, double max) {
  public static final DurationStats EMPTY = new DurationStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public static DurationStats of(List<Double> seconds) {
    if (seconds.isEmpty()) return EMPTY;
    List<Double> xs = new ArrayList<>(seconds);
    Collections.sort(xs);
    int n = xs.size();
    double sum = 0;
    for (double x : xs) sum += x;
    double median = n % 2 == 1 ? xs.get(n / 2) : (xs.get(n / 2 - 1) + xs.get(n / 2)) / 2;
    int rank = (int) Math.ceil(0.9 * n);
    return new DurationStats(n, sum / n, median, xs.get(Math.max(rank, 1) - 1), xs.get(n - 1));
  }
}
