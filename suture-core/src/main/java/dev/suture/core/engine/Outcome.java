package dev.suture.core.engine;

/** What a stage decided: go on, or halt (and why). */
record Outcome(boolean halt, String reason, String summary) {
  static Outcome proceed(String summary) { return new Outcome(false, null, summary); }

  static Outcome halt(String reason) { return new Outcome(true, reason, reason); }
}
