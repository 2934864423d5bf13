package dev.suture.core.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A named health check; {@link #probe()} holds the type-specific part. */
public record CheckSpec(String name, Probe probe) {
  public String type() { return probe.type(); }

  /** The type-specific part of a check. New check types add a record here and an adapter. */
  public sealed interface Probe permits Http, Command, Prometheus {
    String type();
    Duration timeout();
  }

  /** GET url; healthy when the status matches and (optionally) the body matches the regex. */
  public record Http(String url, int expectStatus, Optional<String> bodyRegex, Duration timeout) implements Probe {
    public String type() { return "http"; }
  }

  /** Runs argv through the plan's executor; healthy on exit 0. */
  public record Command(List<String> argv, Duration timeout) implements Probe {
    public Command { argv = List.copyOf(argv); }
    public String type() { return "command"; }
  }

  /**
   * Runs a PromQL query against {@code address}: instant, or over the last {@code range} at
   * {@code step} when a range is given. {@code failureCondition} is evaluated first, then
   * {@code successCondition}; see {@code dev.suture.core.condition.Condition} for their syntax.
   * {@code headers} go with every request (e.g. Authorization for a protected Prometheus).
   */
  public record Prometheus(String address, String query, Optional<Duration> range, Optional<Duration> step,
                           Optional<String> successCondition, Optional<String> failureCondition,
                           Map<String, String> headers, Duration timeout) implements Probe {
    public Prometheus {
      if (address == null || address.isBlank()) throw new IllegalArgumentException("address must not be empty");
      if (query == null || query.isBlank()) throw new IllegalArgumentException("query must not be empty");
      range = range == null ? Optional.empty() : range;
      step = step == null ? Optional.empty() : step;
      if (step.isPresent() && range.isEmpty()) throw new IllegalArgumentException("step needs a range");
      successCondition = successCondition == null ? Optional.empty() : successCondition;
      failureCondition = failureCondition == null ? Optional.empty() : failureCondition;
      if (successCondition.isEmpty() && failureCondition.isEmpty())
        throw new IllegalArgumentException("a prometheus check needs successCondition or failureCondition");
      headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    public String type() { return "prometheus"; }

    /** The step of a range query: the given one, else range / 60 (at least 1 s). */
    public Duration effectiveStep() {
      return step.orElseGet(() -> {
        Duration d = range.orElseThrow().dividedBy(60);
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
      });
    }
  }
}
