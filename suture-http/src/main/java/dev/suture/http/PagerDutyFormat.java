package dev.suture.http;

import dev.suture.core.notify.Notification;
import dev.suture.core.notify.NotificationEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PagerDuty Events API v2. One PagerDuty alert per subject (dedup_key "suture/rollout/r-1"): a halt
 * and the incident it opens land on the same alert, and the end of the rollout resolves it.
 */
public final class PagerDutyFormat {
  static final int MAX_SUMMARY = 1024; // the Events API rejects longer summaries

  private PagerDutyFormat() {}

  public static Map<String, Object> render(Notification n, String eventId, String routingKey) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("routing_key", routingKey);
    boolean resolve = n.event() == NotificationEvent.ROLLOUT_COMPLETED;
    body.put("event_action", resolve ? "resolve" : "trigger");
    body.put("dedup_key", "suture/" + n.subject());
    if (resolve) return body; // resolve takes no payload
    Map<String, Object> details = new LinkedHashMap<>(n.details());
    details.put("event", n.event().eventName());
    details.put("eventId", eventId);
    details.put("actor", n.actor());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("summary", n.summary().length() > MAX_SUMMARY ? n.summary().substring(0, MAX_SUMMARY - 1) + "…" : n.summary());
    payload.put("source", "suture");
    payload.put("severity", severity(n.event()));
    payload.put("timestamp", n.time().toString());
    payload.put("component", n.subject());
    payload.put("custom_details", details);
    body.put("payload", payload);
    return body;
  }

  static String severity(NotificationEvent e) {
    return switch (e) {
      case INCIDENT_OPENED -> "critical";
      case ROLLOUT_HALTED -> "error";
      case SLA_BREACHED, REVIEW_OVERDUE -> "warning";
      default -> "info";
    };
  }
}
