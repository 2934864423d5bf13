package dev.suture.core.registry;

/**
 * Where a record or obligation stands against its due time. The due instant itself is the first
 * moment of breach: done strictly before due is MET, still open at due is BREACHED.
 */
public enum SlaStatus {
  /** Deployed (or done) before due. */
  MET,
  /** Due has passed unmet: still open at or after due, or finished at or after it. */
  BREACHED,
  /** Open, not yet due, within the at-risk margin. */
  AT_RISK,
  /** Open with time to spare. */
  OPEN,
  /** Cancelled or rolled back before due: there is no deployment to measure. */
  WITHDRAWN
}
