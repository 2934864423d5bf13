package dev.suture.core.port;

import dev.suture.core.inventory.InstalledRow;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.PackageSet;
import dev.suture.core.vuln.AdvisoryIndex;
import dev.suture.core.vuln.FleetMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
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

  /**
   * The installed rows an advisory filed under one of {@code keys} can apply to: those whose
   * {@code AdvisoryIndex.Key.of(set ecosystem, FleetMatcher.matchName(row))} is in {@code keys} (the source
   * package's name when the row has one, else the binary name; the ecosystem without its release). In
   * (asset, package set, position) order, the order {@link #forEach} hands them out, from one snapshot of
   * the store. This default walks every inventory; a store should answer it from an index.
   */
  default List<InstalledRow> installedMatching(Collection<AdvisoryIndex.Key> keys) {
    Set<AdvisoryIndex.Key> wanted = Set.copyOf(keys);
    List<InstalledRow> out = new ArrayList<>();
    if (wanted.isEmpty()) return out;
    forEach(s -> {
      for (int i = 0; i < s.packageSets().size(); i++) {
        PackageSet set = s.packageSets().get(i);
        for (var p : set.packages()) {
          if (wanted.contains(AdvisoryIndex.Key.of(set.ecosystem(), FleetMatcher.matchName(p)))) out.add(new InstalledRow(s.asset(), i, set.ecosystem(), p));
        }
      }
    });
    return out;
  }
}
