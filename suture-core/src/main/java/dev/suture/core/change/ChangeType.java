package dev.suture.core.change;

import java.util.Locale;

/** ITIL change types as the SOP uses them. */
public enum ChangeType {
  /** A pre-approved template: approved at submission, only for plans configured as standard. */
  STANDARD,
  /** Needs a quorum of distinct approvers (the CAB). */
  NORMAL,
  /** One approver or the on-call authority; written justification; reviewed afterwards. */
  EMERGENCY;

  public String wireName() { return name().toLowerCase(Locale.ROOT); }

  public static ChangeType fromWire(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidChangeException("type", "'" + s + "' is not a change type (standard, normal, emergency)");
    }
  }
}
