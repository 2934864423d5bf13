package dev.suture.core.inventory;

import java.util.List;
import java.util.Objects;

/**
 * Packages of one OSV ecosystem found on an asset. A host has one (its OS packages, e.g.
 * {@code Debian:12}); a container image's SBOM may have several (the OS layer plus npm, PyPI, Maven...).
 */
public record PackageSet(String ecosystem, List<InstalledPackage> packages) {
  public PackageSet {
    Objects.requireNonNull(ecosystem, "ecosystem");
    packages = List.copyOf(packages);
  }
}
