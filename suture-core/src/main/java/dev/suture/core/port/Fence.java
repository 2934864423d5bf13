package dev.suture.core.port;

/** Proof of ownership of a rollout: every engine write carries it; a stale one writes nothing. */
public record Fence(String rolloutId, String owner, long lockVersion) {}
