package dev.suture.http;

import dev.suture.core.notify.Notification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack incoming-webhook message: {@code text} (the fallback shown in notifications) and
 * {@code blocks} (a bold event line and a context line naming subject, time and event id).
 */
public final class SlackFormat {
  private SlackFormat() {}

  public static Map<String, Object> render(Notification n, String eventId) {
    Map<String, Object> section = Map.of("type", "section",
        "text", Map.of("type", "mrkdwn", "text", "*" + escape(n.event().eventName()) + "*  " + escape(n.summary())));
    Map<String, Object> context = Map.of("type", "context",
        "elements", List.of(Map.of("type", "mrkdwn", "text", escape(n.subject()) + " | " + n.time() + " | event " + escape(eventId))));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", n.summary());
    body.put("blocks", List.of(section, context));
    return body;
  }

  /** Slack mrkdwn treats &, < and > as markup (links, mentions): a halt reason must not ping @channel. */
  static String escape(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }
}
