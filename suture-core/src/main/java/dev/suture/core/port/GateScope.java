package dev.suture.core.port;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import java.time.Instant;
import java.util.List;

/**
 * What a rollout-level check sees at one measurement of a gate: the canary (patched, healthy
 * targets the gate watches) and the baseline (targets of the rollout not touched yet), and when
 * the gate started (a judge should not compare data from before the canary was patched).
 */
public record GateScope(String rolloutId, Patch patch, List<Asset> canary, List<Asset> baseline, Instant gateStartedAt,
                        Instant now) {
  public GateScope {
    canary = List.copyOf(canary);
    baseline = List.copyOf(baseline);
  }
}
