package dev.suture.ssh;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A failure to reach or use a target, with a message meant for the operator (never a secret). */
final class SshFailure extends RuntimeException {
  SshFailure(String message) {
    super(message, null, false, false);
  }

  /** The operator-facing reason behind whatever MINA or the JDK raised. */
  static String reason(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
    if (e instanceof SshFailure) return e.getMessage();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return msg.replaceAll("\\s+", " ").strip();
  }
}
