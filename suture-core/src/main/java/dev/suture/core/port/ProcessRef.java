package dev.suture.core.port;

import java.time.Instant;

/**
 * A running side effect that can outlive the engine (a local child process). Recorded durably so
 * a restarted node can wait for it instead of starting the same apply a second time.
 */
public record ProcessRef(long pid, Instant startedAt) {}
