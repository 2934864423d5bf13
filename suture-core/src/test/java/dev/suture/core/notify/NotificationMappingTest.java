package dev.suture.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.audit.AuditChain;
import dev.suture.core.audit.AuditEvent;
import dev.suture.core.audit.AuditRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which audit actions become which notifications, and what never leaks into one. */
class NotificationMappingTest {
  static AuditEvent event(long seq, String action, Object... details) {
    return AuditChain.seal(seq, Instant.parse("2026-12-01T10:00:00Z"), AuditRecord.of("engine:a", action, "rollout/r-1", details),
        AuditChain.GENESIS);
  }

  @Test void mapsEveryActionTheEngineAndChangeRequestsEmit() {
    assertThat(Map.ofEntries(
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
        Map.entry("incident.opened", NotificationEvent.INCIDENT_OPENED)))
        .isEqualTo(NotificationMapping.ACTIONS);
  }

  @Test void ignoresRoutineEngineChatter() {
    for (String a : new String[] {"stage.started", "target.failed", "batch.finished", "document.created", "rollout.created", "rollout.resumed"})
      assertThat(NotificationMapping.from(event(1, a))).as(a).isEmpty();
  }

  @Test void completedCarriesTheOutcomeAndSummary() {
    Notification n = NotificationMapping.from(event(7, "rollout.rolled_back", "summary", "{ROLLED_BACK=3}")).orElseThrow();
    assertThat(n.event()).isEqualTo(NotificationEvent.ROLLOUT_COMPLETED);
    assertThat(n.details()).containsEntry("outcome", "ROLLED_BACK");
    assertThat(n.summary()).isEqualTo("Rollout rollout/r-1 ended ROLLED_BACK: {ROLLED_BACK=3}");
    assertThat(n.sequence()).isEqualTo(7);
    assertThat(n.rolloutId()).isEqualTo("r-1");
  }

  @Test void incidentSummaryNamesPriorityAndTitle() {
    Notification n = NotificationMapping.from(event(3, "incident.opened", "priority", "P1", "title", "Rollout r-1 halted: boom")).orElseThrow();
    assertThat(n.summary()).isEqualTo("P1 incident: Rollout r-1 halted: boom");
  }

  @Test void neverCopiesSecretsOrWebhookUrlsIntoTheMessage() {
    Notification n = NotificationMapping.from(event(2, "notify.notice", "message", "heads up", "webhook", "https://hooks/T0/secret",
        "token", "abc", "dbPassword", "x", "routingKey", "R", "planWebhook", true)).orElseThrow();
    assertThat(n.details()).containsOnlyKeys("message", "planWebhook");
    assertThat(n.toJson()).doesNotContain("secret", "abc", "hooks");
  }

  @Test void roundTripsThroughTheStoredPayload() {
    Notification n = NotificationMapping.from(event(5, "rollout.halted", "reason", "canary failed", "touchedTargets", true)).orElseThrow();
    assertThat(Notification.fromJson(n.toJson())).isEqualTo(n);
  }
}
