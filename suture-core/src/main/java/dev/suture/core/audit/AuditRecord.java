package dev.suture.core.audit;

import java.util.Map;
import java.util.Objects;

/** An audit entry before the log gives it a sequence number, time and hash. */
public record AuditRecord(String actor, String action, String subject, Map<String, Object> details) {
  public AuditRecord {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
  }

  public static AuditRecord of(String actor, String action, String subject, Object... keyValues) {
    Map<String, Object> d = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) d.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    return new AuditRecord(actor, action, subject, d);
  }
}
