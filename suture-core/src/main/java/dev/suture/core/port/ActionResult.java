package dev.suture.core.port;

import java.time.Duration;

/** Outcome of one action. {@code output} is the tail of stdout+stderr (bounded by the adapter). */
public record ActionResult(int exitCode, String output, boolean timedOut, Duration elapsed, String error) {
  public static final int NO_EXIT = -1;

  public boolean ok() { return !timedOut && error == null && exitCode == 0; }

  public static ActionResult failed(String error, Duration elapsed) {
    return new ActionResult(NO_EXIT, "", false, elapsed, error);
  }

  /** One line for logs, audit and the target's error field. */
  public String describe() {
    if (timedOut) return "timed out after " + elapsed.toMillis() + " ms (killed)";
    if (error != null) return error;
    String tail = output == null ? "" : output.strip();
    if (tail.length() > 300) tail = "…" + tail.substring(tail.length() - 300);
    return "exit " + exitCode + (tail.isEmpty() ? "" : ": " + tail);
  }
}
