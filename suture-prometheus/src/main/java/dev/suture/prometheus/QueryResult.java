package dev.suture.prometheus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed query answer. A vector is one series per sample (one point each), a matrix one series
 * per time series (its points in time order), and a scalar one series without labels.
 */
public record QueryResult(ResultType type, List<Series> series) {
  public enum ResultType { VECTOR, MATRIX, SCALAR }

  public QueryResult {
    if (type == null) throw new IllegalArgumentException("type must not be null");
    series = List.copyOf(series);
  }

  public record Series(Map<String, String> labels, List<Point> points) {
    public Series {
      labels = Map.copyOf(labels);
      points = List.copyOf(points);
    }
  }

  /** One sample; Prometheus sends NaN and ±Inf as strings, they arrive here as the doubles. */
  public record Point(Instant time, double value) {}

  /** Every value, series by series, each series in time order: what conditions see as {@code result}. */
  public List<Double> values() {
    List<Double> out = new ArrayList<>();
    for (Series s : series) for (Point p : s.points()) out.add(p.value());
    return out;
  }
}
