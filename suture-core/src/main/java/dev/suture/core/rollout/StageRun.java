package dev.suture.core.rollout;

import java.time.Instant;

/** A stage's progress; {@code summary} is the one line operators read. */
public record StageRun(int index, String type, StageState state, String summary, Instant startedAt, Instant endedAt) {
  public static StageRun pending(int index, String type, String summary) {
    return new StageRun(index, type, StageState.PENDING, summary, null, null);
  }

  public StageRun start(Instant now) { return new StageRun(index, type, StageState.RUNNING, summary, startedAt == null ? now : startedAt, null); }

  public StageRun waiting(String why) { return new StageRun(index, type, StageState.WAITING, why, startedAt, null); }

  public StageRun running(String why) { return new StageRun(index, type, StageState.RUNNING, why, startedAt, null); }

  public StageRun end(StageState s, String why, Instant now) { return new StageRun(index, type, s, why, startedAt == null ? now : startedAt, now); }
}
