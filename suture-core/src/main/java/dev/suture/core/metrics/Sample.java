package dev.suture.core.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One exported value: a metric name, its labels and a number. {@code NaN} means "no data in the
 * window" (Prometheus shows it as NaN and Grafana as no value), which is not the same as zero.
 */
public record Sample(String name, Map<String, String> labels, double value) {
  public Sample {
    Objects.requireNonNull(name, "name");
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
  }

  public static Sample of(String name, double value) { return new Sample(name, Map.of(), value); }

  public static Sample of(String name, double value, String... keyValues) {
    Map<String, String> l = new TreeMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) l.put(keyValues[i], keyValues[i + 1]);
    return new Sample(name, l, value);
  }

  public String label(String key) { return labels.get(key); }
}
