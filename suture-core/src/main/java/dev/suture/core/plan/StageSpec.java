package dev.suture.core.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One step of a plan. The engine runs them in order. */
public sealed interface StageSpec {
  String type();

  /**
   * Announces the rollout through the notification outbox: to the plan's own {@code webhook}, to
   * the named {@code channel}, or (neither) to every channel subscribed to rollout.notice; then
   * waits {@code before}.
   */
  record Notify(Optional<String> webhook, Optional<String> channel, String message, Duration before) implements StageSpec {
    public String type() { return "notify"; }
  }

  /** Every named check passes on every target before anything changes. */
  record Precheck(List<String> checks) implements StageSpec {
    public Precheck { checks = List.copyOf(checks); }
    public String type() { return "precheck"; }
  }

  /** Arms per-target snapshots: from here on each target is snapshotted just before it is patched. */
  record Snapshot() implements StageSpec {
    public String type() { return "snapshot"; }
  }

  /** The first targets, patched and then watched for {@code bake}. */
  record Canary(Quantity count, Duration bake, Duration interval, Quantity maxConcurrency, List<String> checks)
      implements StageSpec, Batch {
    public Canary { checks = List.copyOf(checks); }
    public String type() { return "canary"; }
    public Quantity maxErrors() { return new Quantity(0, false); }
    public Duration observe() { return bake; }
  }

  /** Patches targets up to a cumulative percentage of the rollout, then observes. */
  record Wave(int percent, Quantity maxConcurrency, Quantity maxErrors, Duration observe, Duration interval,
              List<String> checks) implements StageSpec, Batch {
    public Wave { checks = List.copyOf(checks); }
    public String type() { return "wave"; }
  }

  /** Watches every patched target for a while; any failed check halts. */
  record Bake(Duration duration, Duration interval, List<String> checks) implements StageSpec {
    public Bake { checks = List.copyOf(checks); }
    public String type() { return "bake"; }
  }

  /** Runs the named checks once on every patched target. */
  record Verify(List<String> checks) implements StageSpec {
    public Verify { checks = List.copyOf(checks); }
    public String type() { return "verify"; }
  }

  /** Waits for a human to promote. */
  record Approval(String message) implements StageSpec {
    public String type() { return "approval"; }
  }

  /** Stages that patch targets. */
  interface Batch {
    Quantity maxConcurrency();
    Quantity maxErrors();
    Duration observe();
    Duration interval();
    List<String> checks();
  }
}
