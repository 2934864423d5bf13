package dev.suture.core.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What collecting one asset's inventory gave: a snapshot, or a failure that names the asset and the
 * reason (unknown OS, no OSV ecosystem, a command's exit status, a timeout, an unreachable host).
 * A failed collection is a value, not an exception: one bad host must not cost the fleet's run.
 *
 * @param asset the asset's name
 * @param finishedAt when the collection ended (from the collector's clock)
 * @param snapshot present when the inventory was read
 * @param failure present when it was not: one line, starting with the asset's name
 */
public record CollectionResult(String asset, Instant finishedAt, Optional<InventorySnapshot> snapshot,
                               Optional<String> failure) {
  public CollectionResult {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(failure, "failure");
    if (snapshot.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("asset " + asset + ": a result is either a snapshot or a failure");
    }
    snapshot.ifPresent(s -> {
      if (!s.asset().equals(asset)) throw new IllegalArgumentException("snapshot of " + s.asset() + " given as " + asset + "'s");
    });
  }

  public static CollectionResult collected(InventorySnapshot snapshot) {
    return new CollectionResult(snapshot.asset(), snapshot.collectedAt(), Optional.of(snapshot), Optional.empty());
  }

  /** A failure; {@code reason} is prefixed with the asset's name. */
  public static CollectionResult failed(String asset, Instant at, String reason) {
    return new CollectionResult(asset, at, Optional.empty(), Optional.of(asset + ": " + reason));
  }

  public boolean ok() { return snapshot.isPresent(); }
}
