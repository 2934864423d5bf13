package dev.suture.core.notify;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a person can be told about. Each is derived from audit actions by {@link NotificationMapping};
 * the dotted names are what a NotificationChannel's {@code events} filter lists.
 */
public enum NotificationEvent {
  APPROVAL_REQUESTED("approval.requested"),
  CHANGE_APPROVED("change.approved"),
  CHANGE_REJECTED("change.rejected"),
  REVIEW_OVERDUE("review.overdue"),
  ROLLOUT_NOTICE("rollout.notice"),
  ROLLOUT_STARTED("rollout.started"),
  ROLLOUT_PAUSED("rollout.paused"),
  ROLLOUT_HALTED("rollout.halted"),
  ROLLOUT_COMPLETED("rollout.completed"),
  SLA_BREACHED("sla.breached"),
  INCIDENT_OPENED("incident.opened");

  private final String eventName;

  NotificationEvent(String eventName) { this.eventName = eventName; }

  public String eventName() { return eventName; }

  public static Optional<NotificationEvent> fromName(String name) {
    return Arrays.stream(values()).filter(e -> e.eventName.equals(name)).findFirst();
  }

  /** Events that need someone to act now: what a pager is for. */
  public boolean isUrgent() {
    return this == ROLLOUT_HALTED || this == INCIDENT_OPENED || this == SLA_BREACHED || this == REVIEW_OVERDUE;
  }
}
