package dev.suture.core.engine;

/**
 * What a stage decided: go on, halt (and why), or stop for now because the maintenance window
 * reached its cutoff (the stage runs again, where it stopped, at the next opening).
 */
record Outcome(boolean halt, String reason, String summary, boolean windowClosed) {
  static Outcome proceed(String summary) { return new Outcome(false, null, summary, false); }

  static Outcome halt(String reason) { return new Outcome(true, reason, reason, false); }

  static Outcome windowClosed(String summary) { return new Outcome(false, null, summary, true); }
}
