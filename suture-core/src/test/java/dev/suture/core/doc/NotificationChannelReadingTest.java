package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.notify.ChannelType;
import dev.suture.core.notify.NotificationChannel;
import dev.suture.core.notify.NotificationEvent;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** kind NotificationChannel. Line 5 is spec.type, line 6 spec.url. */
class NotificationChannelReadingTest {
  private static String channel(String spec) {
    return """
        apiVersion: suture.dev/v1
        kind: NotificationChannel
        metadata: {name: sre}
        spec:
        """ + spec.indent(2);
  }

  @Test void readsASlackChannelWithAnEventFilter() {
    var doc = Parsing.PARSER.parse("c.yaml", channel("""
        type: slack
        url: http://127.0.0.1:9999/hook
        events: [rollout.halted, incident.opened]
        """)).get(0);
    assertThat(doc.kind()).isEqualTo(DocumentKind.NOTIFICATION_CHANNEL);
    NotificationChannel c = doc.as(NotificationChannel.class);
    assertThat(c.type()).isEqualTo(ChannelType.SLACK);
    assertThat(c.url().toString()).isEqualTo("http://127.0.0.1:9999/hook");
    assertThat(c.events()).containsExactlyInAnyOrder(NotificationEvent.ROLLOUT_HALTED, NotificationEvent.INCIDENT_OPENED);
  }

  @Test void webhookWithoutEventsGetsEverythingAndPagerDutyOnlyWhatPages() {
    NotificationChannel hook = Parsing.PARSER.parse("c.yaml", channel("type: webhook\nurl: https://h.example/x\n")).get(0)
        .as(NotificationChannel.class);
    assertThat(hook.events()).isEqualTo(EnumSet.allOf(NotificationEvent.class));
    NotificationChannel pd = Parsing.PARSER.parse("c.yaml", channel("type: pagerduty\nurl: https://events.pd.example/v2/enqueue\nroutingKey: R0\n"))
        .get(0).as(NotificationChannel.class);
    assertThat(pd.routingKey()).isEqualTo(Optional.of("R0"));
    assertThat(pd.events()).contains(NotificationEvent.INCIDENT_OPENED, NotificationEvent.ROLLOUT_COMPLETED)
        .doesNotContain(NotificationEvent.ROLLOUT_STARTED);
  }

  @Test void rejectsAnUnknownType() {
    onlyError(channel("type: teams\nurl: https://h.example/x\n"), 5, "spec.type", "'teams' is not one of slack, webhook, pagerduty");
  }

  @Test void rejectsANonHttpUrl() {
    onlyError(channel("type: slack\nurl: ftp://h.example/x\n"), 6, "spec.url", "http:// or https://");
  }

  @Test void rejectsAnUnparseableUrl() {
    onlyError(channel("type: slack\nurl: \"http://h example/x\"\n"), 6, "spec.url", "not a valid URL");
  }

  @Test void rejectsAMissingUrl() {
    onlyError(channel("type: slack\n"), 5, "spec.url", "is required");
  }

  @Test void rejectsAnUnknownEventNamingTheKnownOnes() {
    onlyError(channel("type: slack\nurl: https://h.example/x\nevents: [rollout.halted, rollout.exploded]\n"), 7, "spec.events[1]",
        "'rollout.exploded' is not a notification event", "incident.opened");
  }

  @Test void pagerDutyNeedsARoutingKey() {
    onlyError(channel("type: pagerduty\nurl: https://events.pd.example/v2/enqueue\n"), 5, "spec.routingKey", "required for type pagerduty");
  }

  @Test void routingKeyOnlyForPagerDuty() {
    onlyError(channel("type: slack\nurl: https://h.example/x\nroutingKey: R\n"), 7, "spec.routingKey", "only used by type pagerduty");
  }

  @Test void everyChannelExampleInTheDocsParses() throws Exception {
    java.nio.file.Path doc = java.nio.file.Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("notifications.md");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(doc), "docs/notifications.md next to the module");
    var m = java.util.regex.Pattern.compile("```yaml\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(java.nio.file.Files.readString(doc));
    assertThat(m.find()).isTrue();
    assertThat(Parsing.PARSER.parse("notifications.md", m.group(1))).extracting(Document::name)
        .containsExactly("sre-slack", "sre-pager", "audit-sink");
  }
}
