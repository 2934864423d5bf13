package dev.suture.core.rollout;

public enum StageState {
  PENDING, RUNNING, WAITING, SUCCEEDED, FAILED, SKIPPED;

  public boolean isDone() { return this == SUCCEEDED || this == FAILED || this == SKIPPED; }
}
