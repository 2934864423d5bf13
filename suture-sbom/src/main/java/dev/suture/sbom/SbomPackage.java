package dev.suture.sbom;

import dev.suture.core.inventory.InstalledPackage;
import java.util.Objects;

/**
 * One package read from an SBOM, with the Package URL it was identified by. {@link InstalledPackage}
 * has no place for the purl (and must not change: other readers build on it), so it is kept here,
 * beside the package, for findings and reports that want to show or link the exact identity.
 *
 * @param ecosystem the OSV ecosystem with release, as in the snapshot's {@code PackageSet}
 * @param installed the package as it appears in the snapshot
 * @param purl the component's purl in canonical form
 * @param bomRef the component's {@code bom-ref}; empty when it has none
 */
public record SbomPackage(String ecosystem, InstalledPackage installed, String purl, String bomRef) {
  public SbomPackage {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(installed, "installed");
    Objects.requireNonNull(purl, "purl");
    bomRef = bomRef == null ? "" : bomRef;
  }
}
