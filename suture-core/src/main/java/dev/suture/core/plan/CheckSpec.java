package dev.suture.core.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A named health check; {@link #probe()} holds the type-specific part. */
public record CheckSpec(String name, Probe probe) {
  public String type() { return probe.type(); }

  /** The type-specific part of a check. New check types add a record here and an adapter. */
  public sealed interface Probe permits Http, Command {
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
}
