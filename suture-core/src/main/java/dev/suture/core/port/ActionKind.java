package dev.suture.core.port;

/** Side effects and probes the engine asks an executor to perform on a target. */
public enum ActionKind { PROBE_VERSION, SNAPSHOT, APPLY, REBOOT, RESTORE, ROLLBACK, CHECK, DELETE_SNAPSHOT }
