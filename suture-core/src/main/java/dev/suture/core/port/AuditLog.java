package dev.suture.core.port;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.audit.AuditRecord;
import dev.suture.core.audit.AuditVerification;
import java.util.List;

/** Port: the hash-chained audit trail. */
public interface AuditLog {
  void append(List<AuditRecord> records);

  List<AuditEvent> list(long afterSequence, int limit);

  List<AuditEvent> forSubject(String subject);

  /** Recomputes the whole chain from the stored rows. */
  AuditVerification verify();
}
