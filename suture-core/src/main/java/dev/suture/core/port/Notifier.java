package dev.suture.core.port;

import java.util.Map;

/** Port: delivers a notification (webhook). Throws with a clear message when delivery fails. */
public interface Notifier {
  void send(String url, Map<String, Object> message) throws NotificationException, InterruptedException;

  final class NotificationException extends Exception {
    public NotificationException(String message) { super(message); }
  }
}
