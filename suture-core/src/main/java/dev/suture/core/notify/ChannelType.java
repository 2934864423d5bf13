package dev.suture.core.notify;

import java.util.EnumSet;
import java.util.Set;

/** How a channel wants its messages: Slack incoming webhook, generic JSON, PagerDuty Events API v2. */
public enum ChannelType {
  SLACK, WEBHOOK, PAGERDUTY;

  /**
   * Events a channel of this type gets when it lists none. A pager is for what needs a human now
   * (and the end of a rollout, which resolves what it triggered); chat and webhooks get everything.
   */
  public Set<NotificationEvent> defaultEvents() {
    if (this != PAGERDUTY) return EnumSet.allOf(NotificationEvent.class);
    EnumSet<NotificationEvent> urgent = EnumSet.noneOf(NotificationEvent.class);
    for (NotificationEvent e : NotificationEvent.values()) if (e.isUrgent()) urgent.add(e);
    urgent.add(NotificationEvent.ROLLOUT_COMPLETED);
    return urgent;
  }
}
