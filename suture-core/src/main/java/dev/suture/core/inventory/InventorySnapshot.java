package dev.suture.core.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What was installed on one asset at one time, with how it was learnt ({@code source}: e.g.
 * {@code ssh:dpkg}, {@code command:rpm}, {@code sbom:cyclonedx}) and the lines the parsers could not
 * use. A newer snapshot of an asset replaces the older one as a whole.
 *
 * @param osName the release as people name it ({@code PRETTY_NAME}), empty when unknown
 */
public record InventorySnapshot(String asset, Instant collectedAt, String source, String osName,
                                List<PackageSet> packageSets, List<LineProblem> problems) {
  public InventorySnapshot {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(collectedAt, "collectedAt");
    Objects.requireNonNull(source, "source");
    osName = osName == null ? "" : osName;
    packageSets = List.copyOf(packageSets);
    problems = List.copyOf(problems);
  }

  public int packageCount() { return packageSets.stream().mapToInt(s -> s.packages().size()).sum(); }
}
