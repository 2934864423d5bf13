package dev.suture.core.audit;

import java.time.Instant;

/**
 * Append-only, hash-chained record. {@code details} is canonical JSON (sorted keys) and is hashed
 * exactly as stored, so an auditor can recompute every hash from the rows alone.
 */
public record AuditEvent(long sequence, Instant time, String actor, String action, String subject, String details,
                         String previousHash, String hash) {}
