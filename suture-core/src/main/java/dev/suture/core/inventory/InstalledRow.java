package dev.suture.core.inventory;

import java.util.Objects;

/**
 * One installed package of one asset's stored inventory, with where it sits: the asset, the index of its
 * package set in the snapshot (an SBOM may hold several) and that set's OSV ecosystem. What
 * {@code InventoryStore.installedMatching} returns, so that an advisory can be matched against the rows
 * it names without loading whole inventories.
 */
public record InstalledRow(String asset, int setIndex, String ecosystem, InstalledPackage installed) {
  public InstalledRow {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(installed, "installed");
    if (setIndex < 0) throw new IllegalArgumentException("setIndex must not be negative, was " + setIndex);
  }
}
