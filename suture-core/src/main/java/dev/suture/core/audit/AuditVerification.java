package dev.suture.core.audit;

/** Result of recomputing the chain. */
public record AuditVerification(boolean intact, long events, Long firstBadSequence, String reason) {
  public static AuditVerification intact(long events) { return new AuditVerification(true, events, null, null); }

  public static AuditVerification broken(long events, long sequence, String reason) {
    return new AuditVerification(false, events, sequence, reason);
  }
}
