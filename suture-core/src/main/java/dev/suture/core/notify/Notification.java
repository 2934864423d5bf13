package dev.suture.core.notify;

import dev.suture.core.json.Json;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing worth telling someone, derived from the audit event {@code sequence}. It is what the
 * outbox stores (as {@link #toJson()}): channel formats render it at send time, so the stored
 * payload never holds a channel's URL or routing key.
 */
public record Notification(long sequence, NotificationEvent event, Instant time, String actor, String subject, String summary,
                           Map<String, Object> details) {
  public Notification {
    if (sequence <= 0) throw new IllegalArgumentException("sequence must be positive");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(summary, "summary");
    details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** "rollout/r-12" → "r-12"; null for subjects that are not rollouts. */
  public String rolloutId() { return subject.startsWith("rollout/") ? subject.substring("rollout/".length()) : null; }

  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sequence", sequence);
    m.put("event", event.eventName());
    m.put("time", time.toString());
    m.put("actor", actor);
    m.put("subject", subject);
    m.put("summary", summary);
    m.put("details", details);
    return Json.write(m);
  }

  @SuppressWarnings("unchecked")
  public static Notification fromJson(String json) {
    Map<String, Object> m = Json.readObject(json);
    String name = (String) m.get("event");
    return new Notification(((Number) m.get("sequence")).longValue(),
        NotificationEvent.fromName(name).orElseThrow(() -> new IllegalArgumentException("unknown event '" + name + "'")),
        Instant.parse((String) m.get("time")), (String) m.get("actor"), (String) m.get("subject"), (String) m.get("summary"),
        (Map<String, Object>) m.get("details"));
  }
}
