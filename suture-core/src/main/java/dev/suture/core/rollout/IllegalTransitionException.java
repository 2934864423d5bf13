package dev.suture.core.rollout;

public final class IllegalTransitionException extends IllegalStateException {
  public IllegalTransitionException(String what, String from, String to) {
    super("illegal " + what + " transition " + from + " -> " + to);
  }
}
