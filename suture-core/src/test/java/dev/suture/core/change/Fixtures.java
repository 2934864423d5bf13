package dev.suture.core.change;

import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** People and drafts the change request tests share. */
final class Fixtures {
  static final Actor ALICE = new Actor("alice", EnumSet.of(Role.REQUESTER));
  static final Actor BOB = new Actor("bob", EnumSet.of(Role.APPROVER));
  static final Actor CAROL = new Actor("carol", EnumSet.of(Role.APPROVER));
  static final Actor DAVE = new Actor("dave", EnumSet.of(Role.APPROVER, Role.ADMIN, Role.REQUESTER));
  static final Actor ERIN = new Actor("erin", EnumSet.of(Role.VIEWER));
  static final Actor OSCAR = new Actor("oscar", EnumSet.of(Role.OPERATOR));
  /** No roles at all, but on the on-call list. */
  static final Actor PAT = new Actor("pat", EnumSet.noneOf(Role.class));

  static final ChangePolicy POLICY = new ChangePolicy(2, Set.of("kernel-standard"), Set.of("pat"), Duration.ofHours(48));

  private Fixtures() {}

  static ChangeDraft normal(Actor requester, String... envs) {
    return ChangeDraft.of(ChangeType.NORMAL, "openssl-3.0.13", "openssl-security", requester.name(), "Patch openssl", null,
        Set.of(envs.length == 0 ? new String[] {"production"} : envs), null);
  }

  static ChangeDraft emergency(Actor requester, String freezeOverride) {
    return ChangeDraft.of(ChangeType.EMERGENCY, "openssl-3.0.13", "openssl-security", requester.name(), "CVE-2026-0001 actively exploited",
        "KEV-listed RCE on the edge proxies", Set.of("production"), freezeOverride);
  }

  static ChangeDraft standard(Actor requester, String plan) {
    return ChangeDraft.of(ChangeType.STANDARD, "kernel-6.1.90", plan, requester.name(), "Monthly kernel", null, Set.of("staging"), null);
  }

  static FreezeCheck frozen(String env, String freeze) {
    return (at, envs) -> envs.contains(env) ? List.of(freeze) : List.of();
  }
}
