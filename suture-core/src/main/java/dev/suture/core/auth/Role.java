package dev.suture.core.auth;

import java.util.Locale;

/**
 * What a person or token may do (docs/security.md has the endpoint matrix). Roles are not
 * hierarchical: a user holds every role they need, so the matrix reads the same for everyone.
 */
public enum Role {
  /** Reads fleet, patches, plans, rollouts, change requests. */
  VIEWER,
  /** Proposes patches and opens change requests. */
  REQUESTER,
  /** Approves or rejects change requests (never their own). */
  APPROVER,
  /** Starts and controls rollouts, manages documents, windows and freezes. */
  OPERATOR,
  /** Reads and verifies the audit trail and the SLA/registry reports. */
  AUDITOR,
  /** Manages users, tokens and credentials. */
  ADMIN;

  public String wireName() { return name().toLowerCase(Locale.ROOT); }

  public static Role fromWire(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not a role (viewer, requester, approver, operator, auditor, admin)");
    }
  }
}
