package dev.suture.core.registry;

import dev.suture.core.model.Priority;
import java.time.Instant;
import java.util.List;

/** Registry fixtures shared by the core tests. */
final class Records {
  private Records() {}

  static final PatchFields COMPLETE = new PatchFields("CVE-2026-1234 lets anyone read session keys", List.of("3.0.0", "3.0.1"),
      new RegressionRisk(RegressionRisk.Level.MEDIUM, "TLS handshake code changed; canary covers it"));

  static PatchRef ref(String id, Priority p) { return new PatchRef(id, "openssl " + id, p, List.of("SEC-42"), List.of("CVE-2026-1234")); }

  static PatchRecord draft(String id, Priority p, Instant at) { return PatchRecord.create(ref(id, p), COMPLETE, "alice", at, "new"); }

  static PatchRecord proposed(String id, Priority p, Instant at, SlaPolicy policy) {
    return draft(id, p, at).transitionTo(PatchStatus.PROPOSED, "alice", at, "please", policy);
  }
}
