package dev.suture.core.port;

import dev.suture.core.inventory.InventorySnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Port: each asset's latest inventory, replaced as a whole. */
public interface InventoryStore {
  /** Stores {@code s} in place of the asset's older snapshot; false (nothing written) when a newer one is stored. */
  boolean replace(InventorySnapshot s, String actor);

  Optional<InventorySnapshot> find(String asset);

  List<String> assets();

  Map<String, Instant> collectedAt();

  /** Every snapshot, in asset-name order, streamed. */
  void forEach(Consumer<InventorySnapshot> consumer);
}
