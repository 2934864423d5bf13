package dev.suture.core.audit;

import dev.suture.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chain's rules: hash = SHA-256 over the canonical JSON of (sequence, time, actor, action,
 * subject, details, previousHash); the first event's previousHash is 64 zeros. Time is kept to
 * microseconds because that is what both H2 and PostgreSQL store exactly.
 */
public final class AuditChain {
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  public static Instant normalise(Instant t) { return t.truncatedTo(ChronoUnit.MICROS); }

  public static AuditEvent seal(long sequence, Instant time, AuditRecord r, String previousHash) {
    String details = Json.write(r.details());
    Instant t = normalise(time);
    return new AuditEvent(sequence, t, r.actor(), r.action(), r.subject(), details, previousHash,
        hash(sequence, t, r.actor(), r.action(), r.subject(), details, previousHash));
  }

  public static String hash(long sequence, Instant time, String actor, String action, String subject, String details,
                            String previousHash) {
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("sequence", sequence);
    canonical.put("time", normalise(time).toString());
    canonical.put("actor", actor);
    canonical.put("action", action);
    canonical.put("subject", subject);
    canonical.put("details", details);
    canonical.put("previousHash", previousHash);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** Streaming verifier: feed events in sequence order. */
  public static final class Verifier {
    private String expectedPrevious = GENESIS;
    private long expectedSequence = -1;
    private long count;
    private AuditVerification failure;

    /** @return false once the chain is broken (further events are ignored). */
    public boolean accept(AuditEvent e) {
      if (failure != null) return false;
      count++;
      if (expectedSequence >= 0 && e.sequence() != expectedSequence)
        return fail(e, "sequence gap: expected " + expectedSequence + " (an event was deleted or inserted)");
      if (!e.previousHash().equals(expectedPrevious))
        return fail(e, "previous hash " + e.previousHash() + " does not match the hash of the event before, " + expectedPrevious);
      String computed = hash(e.sequence(), e.time(), e.actor(), e.action(), e.subject(), e.details(), e.previousHash());
      if (!computed.equals(e.hash())) return fail(e, "hash mismatch: stored " + e.hash() + ", computed " + computed + " (the event was edited)");
      expectedPrevious = e.hash();
      expectedSequence = e.sequence() + 1;
      return true;
    }

    private boolean fail(AuditEvent e, String reason) {
      failure = AuditVerification.broken(count, e.sequence(), reason);
      return false;
    }

    public AuditVerification result() { return failure != null ? failure : AuditVerification.intact(count); }
  }
}
