package dev.suture.core.change;

import dev.suture.core.audit.AuditRecord;
import java.util.List;
import java.util.Objects;

/** A decided change: the new state of the request and the audit records that must commit with it. */
public record Change(ChangeRequest request, List<AuditRecord> audit) {
  public Change {
    Objects.requireNonNull(request, "request");
    audit = List.copyOf(audit);
  }

  static String subject(ChangeRequest cr) { return "change-request/" + cr.id(); }
}
