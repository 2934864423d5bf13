package dev.suture.core.rollout;

/**
 * Operator requests, recorded durably and picked up by whichever node drives the rollout. ROLLBACK is
 * the fast abort: in-flight actions are cancelled at once and restored targets skip the plan's checks.
 */
public enum ControlVerb { PAUSE, RESUME, ABORT, PROMOTE, ROLLBACK }
