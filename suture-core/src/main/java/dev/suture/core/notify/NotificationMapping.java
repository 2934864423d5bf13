package dev.suture.core.notify;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that says which audit actions are worth telling someone about. Notifications are
 * derived from the audit log (not sent by producers), so a new producer cannot forget to notify.
 */
public final class NotificationMapping {
  /** Audit action → event. rollout.* names are what RolloutDriver/Controls emit; cr.* and sla.* come from change requests. */
  static final Map<String, NotificationEvent> ACTIONS = Map.ofEntries(
      Map.entry("cr.submitted", NotificationEvent.APPROVAL_REQUESTED),
      Map.entry("cr.approval_requested", NotificationEvent.APPROVAL_REQUESTED),
      Map.entry("cr.approved", NotificationEvent.CHANGE_APPROVED),
      Map.entry("cr.rejected", NotificationEvent.CHANGE_REJECTED),
      Map.entry("cr.review_overdue", NotificationEvent.REVIEW_OVERDUE),
      Map.entry("notify.notice", NotificationEvent.ROLLOUT_NOTICE),
      Map.entry("rollout.started", NotificationEvent.ROLLOUT_STARTED),
      Map.entry("rollout.paused", NotificationEvent.ROLLOUT_PAUSED),
      Map.entry("rollout.halted", NotificationEvent.ROLLOUT_HALTED),
      Map.entry("rollout.succeeded", NotificationEvent.ROLLOUT_COMPLETED),
      Map.entry("rollout.rolled_back", NotificationEvent.ROLLOUT_COMPLETED),
      Map.entry("rollout.rollback_failed", NotificationEvent.ROLLOUT_COMPLETED),
      Map.entry("rollout.aborted", NotificationEvent.ROLLOUT_COMPLETED),
      Map.entry("sla.breached", NotificationEvent.SLA_BREACHED),
      Map.entry("incident.opened", NotificationEvent.INCIDENT_OPENED));

  /** Detail keys never copied into a message, whatever the producer put in the audit record. */
  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i)(webhook|url|.*(password|secret|token|credential|passphrase|private_?key|api_?key|authorization|routing_?key).*)");

  private NotificationMapping() {}

  public static Optional<NotificationEvent> eventFor(String action) { return Optional.ofNullable(ACTIONS.get(action)); }

  /** The notification for an audit event, or empty when nobody needs to hear about it. */
  public static Optional<Notification> from(AuditEvent e) {
    return eventFor(e.action()).map(event -> {
      Map<String, Object> details = new LinkedHashMap<>();
      Json.readObject(e.details()).forEach((k, v) -> {
        if (!SECRET_KEY.matcher(k).matches()) details.put(k, v);
      });
      if (event == NotificationEvent.ROLLOUT_COMPLETED) details.put("outcome", outcome(e.action()));
      return new Notification(e.sequence(), event, e.time(), e.actor(), e.subject(), summary(event, e.subject(), details), details);
    });
  }

  private static String outcome(String action) {
    return switch (action) {
      case "rollout.succeeded" -> "SUCCEEDED";
      case "rollout.rolled_back" -> "ROLLED_BACK";
      case "rollout.rollback_failed" -> "ROLLBACK_FAILED";
      default -> "ABORTED";
    };
  }

  private static String summary(NotificationEvent event, String subject, Map<String, Object> d) {
    return switch (event) {
      case APPROVAL_REQUESTED -> "Approval requested for " + subject;
      case CHANGE_APPROVED -> "Change " + subject + " approved";
      case CHANGE_REJECTED -> "Change " + subject + " rejected" + suffix(d, "reason");
      case REVIEW_OVERDUE -> "Post-hoc review of " + subject + " is overdue";
      case ROLLOUT_NOTICE -> String.valueOf(d.getOrDefault("message", "Rollout " + subject + " is about to start"));
      case ROLLOUT_STARTED -> "Rollout " + subject + " started" + (d.containsKey("targets") ? " on " + d.get("targets") + " targets" : "");
      case ROLLOUT_PAUSED -> "Rollout " + subject + " paused";
      case ROLLOUT_HALTED -> "Rollout " + subject + " halted" + suffix(d, "reason");
      case ROLLOUT_COMPLETED -> "Rollout " + subject + " ended " + d.get("outcome") + suffix(d, "summary");
      case SLA_BREACHED -> "SLA breached for " + subject + suffix(d, "due");
      case INCIDENT_OPENED -> String.valueOf(d.getOrDefault("priority", "P1")).toUpperCase(Locale.ROOT) + " incident: "
          + d.getOrDefault("title", subject);
    };
  }

  private static String suffix(Map<String, Object> d, String key) {
    Object v = d.get(key);
    return v == null || String.valueOf(v).isBlank() ? "" : ": " + v;
  }
}
