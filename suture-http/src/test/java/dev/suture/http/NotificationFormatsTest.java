package dev.suture.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.notify.ChannelType;
import dev.suture.core.notify.Notification;
import dev.suture.core.notify.NotificationEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact bodies each channel type receives for a halt and for the incident it opens. */
class NotificationFormatsTest {
  static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  static final Notification HALT = new Notification(41, NotificationEvent.ROLLOUT_HALTED, T, "engine:n1", "rollout/r-1",
      "Rollout rollout/r-1 halted: canary: 1 failures exceed maxErrors 0 <!channel>", Map.of("reason", "canary failed", "touchedTargets", true));
  static final Notification INCIDENT = new Notification(42, NotificationEvent.INCIDENT_OPENED, T, "engine:n1", "rollout/r-1",
      "P1 incident: Rollout r-1 halted", Map.of("priority", "P1", "title", "Rollout r-1 halted"));
  static final Notification DONE = new Notification(50, NotificationEvent.ROLLOUT_COMPLETED, T, "engine:n1", "rollout/r-1",
      "Rollout rollout/r-1 ended ROLLED_BACK", Map.of("outcome", "ROLLED_BACK"));

  @Test void slackHaltHasFallbackTextAndEscapedBlocks() {
    assertThat(NotificationSender.body(ChannelType.SLACK, HALT, "41:sre-slack", Optional.empty())).isEqualTo(
        "{\"blocks\":[{\"text\":{\"text\":\"*rollout.halted*  Rollout rollout/r-1 halted: canary: 1 failures exceed maxErrors 0 &lt;!channel&gt;\","
            + "\"type\":\"mrkdwn\"},\"type\":\"section\"},{\"elements\":[{\"text\":\"rollout/r-1 | 2026-12-01T10:00:00Z | event 41:sre-slack\","
            + "\"type\":\"mrkdwn\"}],\"type\":\"context\"}],"
            + "\"text\":\"Rollout rollout/r-1 halted: canary: 1 failures exceed maxErrors 0 <!channel>\"}");
  }

  @Test void slackIncident() {
    assertThat(NotificationSender.body(ChannelType.SLACK, INCIDENT, "42:sre-slack", Optional.empty())).isEqualTo(
        "{\"blocks\":[{\"text\":{\"text\":\"*incident.opened*  P1 incident: Rollout r-1 halted\",\"type\":\"mrkdwn\"},\"type\":\"section\"},"
            + "{\"elements\":[{\"text\":\"rollout/r-1 | 2026-12-01T10:00:00Z | event 42:sre-slack\",\"type\":\"mrkdwn\"}],\"type\":\"context\"}],"
            + "\"text\":\"P1 incident: Rollout r-1 halted\"}");
  }

  @Test void genericWebhookHaltFlattensDetails() {
    assertThat(NotificationSender.body(ChannelType.WEBHOOK, HALT, "41:hook", Optional.empty())).isEqualTo(
        "{\"actor\":\"engine:n1\",\"event\":\"rollout.halted\",\"id\":\"41:hook\",\"reason\":\"canary failed\",\"sequence\":41,"
            + "\"subject\":\"rollout/r-1\",\"text\":\"Rollout rollout/r-1 halted: canary: 1 failures exceed maxErrors 0 <!channel>\","
            + "\"time\":\"2026-12-01T10:00:00Z\",\"touchedTargets\":true}");
  }

  @Test void genericWebhookIncident() {
    assertThat(NotificationSender.body(ChannelType.WEBHOOK, INCIDENT, "42:hook", Optional.empty())).isEqualTo(
        "{\"actor\":\"engine:n1\",\"event\":\"incident.opened\",\"id\":\"42:hook\",\"priority\":\"P1\",\"sequence\":42,"
            + "\"subject\":\"rollout/r-1\",\"text\":\"P1 incident: Rollout r-1 halted\",\"time\":\"2026-12-01T10:00:00Z\","
            + "\"title\":\"Rollout r-1 halted\"}");
  }

  @Test void pagerDutyIncidentTriggersCriticalOnTheRolloutsAlert() {
    assertThat(NotificationSender.body(ChannelType.PAGERDUTY, INCIDENT, "42:pd", Optional.of("R0UTING"))).isEqualTo(
        "{\"dedup_key\":\"suture/rollout/r-1\",\"event_action\":\"trigger\",\"payload\":{\"component\":\"rollout/r-1\","
            + "\"custom_details\":{\"actor\":\"engine:n1\",\"event\":\"incident.opened\",\"eventId\":\"42:pd\",\"priority\":\"P1\","
            + "\"title\":\"Rollout r-1 halted\"},\"severity\":\"critical\",\"source\":\"suture\",\"summary\":\"P1 incident: Rollout r-1 halted\","
            + "\"timestamp\":\"2026-12-01T10:00:00Z\"},\"routing_key\":\"R0UTING\"}");
  }

  @Test void pagerDutyHaltTriggersErrorOnTheSameAlert() {
    assertThat(NotificationSender.body(ChannelType.PAGERDUTY, HALT, "41:pd", Optional.of("R0UTING"))).isEqualTo(
        "{\"dedup_key\":\"suture/rollout/r-1\",\"event_action\":\"trigger\",\"payload\":{\"component\":\"rollout/r-1\","
            + "\"custom_details\":{\"actor\":\"engine:n1\",\"event\":\"rollout.halted\",\"eventId\":\"41:pd\",\"reason\":\"canary failed\","
            + "\"touchedTargets\":true},\"severity\":\"error\",\"source\":\"suture\","
            + "\"summary\":\"Rollout rollout/r-1 halted: canary: 1 failures exceed maxErrors 0 <!channel>\","
            + "\"timestamp\":\"2026-12-01T10:00:00Z\"},\"routing_key\":\"R0UTING\"}");
  }

  @Test void pagerDutyResolvesWhenTheRolloutEnds() {
    assertThat(NotificationSender.body(ChannelType.PAGERDUTY, DONE, "50:pd", Optional.of("R0UTING")))
        .isEqualTo("{\"dedup_key\":\"suture/rollout/r-1\",\"event_action\":\"resolve\",\"routing_key\":\"R0UTING\"}");
  }

  @Test void pagerDutySummaryIsCutToTheApiLimit() {
    Notification longOne = new Notification(9, NotificationEvent.ROLLOUT_HALTED, T, "a", "rollout/r", "x".repeat(5000), Map.of());
    var body = dev.suture.core.json.Json.readObject(NotificationSender.body(ChannelType.PAGERDUTY, longOne, "9:pd", Optional.of("R")));
    assertThat((String) ((Map<?, ?>) body.get("payload")).get("summary")).hasSize(PagerDutyFormat.MAX_SUMMARY);
  }
}
