package dev.suture.http;

import dev.suture.core.notify.Notification;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generic JSON: the event's details at the top level (so a plan's notify webhook still gets
 * rollout, plan, patch, priority, targets), plus id, event, time, subject, actor, sequence and text.
 */
public final class JsonWebhookFormat {
  private JsonWebhookFormat() {}

  public static Map<String, Object> render(Notification n, String eventId) {
    Map<String, Object> body = new LinkedHashMap<>(n.details());
    // Fixed fields last: a detail of the same name cannot override them.
    body.put("id", eventId);
    body.put("event", n.event().eventName());
    body.put("time", n.time().toString());
    body.put("subject", n.subject());
    body.put("actor", n.actor());
    body.put("sequence", n.sequence());
    body.put("text", n.summary());
    return body;
  }
}
