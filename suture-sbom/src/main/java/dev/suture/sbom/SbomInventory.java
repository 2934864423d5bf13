package dev.suture.sbom;

import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CycloneDxInventory#parse} made of an SBOM: the inventory snapshot the rest of Suture
 * uses, and the same packages with their purls (in the snapshot's order).
 */
public record SbomInventory(InventorySnapshot snapshot, List<SbomPackage> packages) {
  public SbomInventory {
    Objects.requireNonNull(snapshot, "snapshot");
    packages = List.copyOf(packages);
  }

  /** The purl a package of {@code ecosystem} was read from, if it is in this inventory. */
  public Optional<String> purlOf(String ecosystem, InstalledPackage installed) {
    return packages.stream()
        .filter(p -> p.ecosystem().equals(ecosystem) && p.installed().equals(installed))
        .map(SbomPackage::purl)
        .findFirst();
  }
}
