package dev.suture.core.plan;

import java.time.Duration;
import java.util.List;

/** Snapshot commands, run through the plan's executor on each target just before it is patched. */
public record SnapshotSpec(String type, List<String> create, List<String> restore, Duration timeout) {
  public SnapshotSpec {
    create = List.copyOf(create);
    restore = List.copyOf(restore);
    timeout = timeout == null ? ExecutorSpec.DEFAULT_TIMEOUT : timeout;
  }
}
