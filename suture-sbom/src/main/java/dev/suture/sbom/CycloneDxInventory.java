package dev.suture.sbom;

import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.LineProblem;
import dev.suture.core.inventory.PackageSet;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;

/**
 * A container image's inventory from its CycloneDX SBOM (JSON or XML, spec 1.0 to 1.6), as Syft, Trivy
 * and other generators write it. See docs/sbom.md for the purl → ecosystem table and the source-package
 * rules.
 *
 * <p>Every component is visited, nested ones included, depth first in document order; its 1-based
 * position in that order is the {@code line} of any {@link LineProblem} about it (an SBOM has no lines
 * worth pointing at: generators write it on one line or pretty-print it differently). The problem's
 * text names the component by bom-ref, name, version and purl. A component that cannot be used is a
 * problem and is skipped; the rest of the SBOM is kept. A document that is not a schema-valid CycloneDX
 * BOM is refused as a whole with a {@link SbomFormatException}.
 *
 * <p>Stateless; the methods may be called concurrently.
 */
public final class CycloneDxInventory {
  /** {@link InventorySnapshot#source()} of every snapshot read here. */
  public static final String SOURCE = "sbom:cyclonedx";

  private CycloneDxInventory() {}

  /**
   * The snapshot of {@code assetName} that the SBOM read from {@code in} describes, collected now (by
   * {@code clock}). Reads the stream to its end; does not close it.
   *
   * @throws SbomFormatException when the document is not a schema-valid CycloneDX BOM
   * @throws IOException when the stream cannot be read
   */
  public static InventorySnapshot read(InputStream in, String assetName, Clock clock) throws IOException {
    return parse(in, assetName, clock).snapshot();
  }

  /** As {@link #read}, keeping each package's purl and bom-ref beside the snapshot. */
  public static SbomInventory parse(InputStream in, String assetName, Clock clock) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(clock, "clock");
    Bom bom = BomDocuments.load(BomDocuments.readAll(in));
    return inventory(bom, assetName, clock);
  }

  private static SbomInventory inventory(Bom bom, String assetName, Clock clock) {
    List<Component> components = walk(bom);
    List<LineProblem> problems = new ArrayList<>();

    List<OsComponent> oses = new ArrayList<>();
    for (Component c : components) {
      if (c.getType() == Component.Type.OPERATING_SYSTEM) {
        oses.add(new OsComponent(c.getName(), c.getVersion(), c.getDescription()));
      }
    }
    Optional<OsComponent> os = oses.size() == 1 ? Optional.of(oses.get(0)) : Optional.empty();
    String osUnusable = oses.isEmpty() ? "the SBOM has no operating-system component"
        : "the SBOM has " + oses.size() + " operating-system components ("
            + oses.stream().map(OsComponent::displayName).collect(Collectors.joining(", "))
            + "), so none can stand for the image's release";
    ComponentReader reader = new ComponentReader(os, osUnusable);

    // Grouped by ecosystem in order of first appearance; a package listed twice (Syft lists an npm
    // package once per node_modules copy) is kept once.
    Map<String, Map<InstalledPackage, SbomPackage>> byEcosystem = new LinkedHashMap<>();
    for (int i = 0; i < components.size(); i++) {
      Component c = components.get(i);
      try {
        Optional<SbomPackage> p = reader.read(c);
        if (p.isPresent()) {
          byEcosystem.computeIfAbsent(p.get().ecosystem(), k -> new LinkedHashMap<>())
              .putIfAbsent(p.get().installed(), p.get());
        }
      } catch (ComponentReader.Problem e) {
        problems.add(new LineProblem(i + 1, describe(c), e.getMessage()));
      }
    }

    List<PackageSet> sets = new ArrayList<>();
    List<SbomPackage> packages = new ArrayList<>();
    byEcosystem.forEach((ecosystem, pkgs) -> {
      sets.add(new PackageSet(ecosystem, new ArrayList<>(pkgs.keySet())));
      packages.addAll(pkgs.values());
    });
    String osName = oses.isEmpty() ? "" : oses.get(0).displayName();
    InventorySnapshot snapshot = new InventorySnapshot(assetName, clock.instant(), SOURCE, osName, sets, problems);
    return new SbomInventory(snapshot, packages);
  }

  /**
   * All components, depth first in document order: the top-level list and, under each component, its
   * nested ones. The metadata component (the image itself) is not a package, but generators may nest
   * components under it, so its children are visited first.
   */
  private static List<Component> walk(Bom bom) {
    List<Component> out = new ArrayList<>();
    Deque<Component> stack = new ArrayDeque<>();
    List<Component> roots = new ArrayList<>();
    if (bom.getMetadata() != null && bom.getMetadata().getComponent() != null
        && bom.getMetadata().getComponent().getComponents() != null) {
      roots.addAll(bom.getMetadata().getComponent().getComponents());
    }
    if (bom.getComponents() != null) roots.addAll(bom.getComponents());
    pushReversed(stack, roots);
    // An explicit stack: nesting depth is the document's to choose, the call stack's is not.
    while (!stack.isEmpty()) {
      Component c = stack.pop();
      out.add(c);
      if (c.getComponents() != null) pushReversed(stack, c.getComponents());
    }
    return out;
  }

  private static void pushReversed(Deque<Component> stack, List<Component> children) {
    for (int i = children.size() - 1; i >= 0; i--) {
      if (children.get(i) != null) stack.push(children.get(i));
    }
  }

  /** How a problem names a component: bom-ref, name, version and purl, those it has. */
  private static String describe(Component c) {
    StringBuilder sb = new StringBuilder();
    append(sb, "bom-ref", c.getBomRef());
    append(sb, "name", c.getName());
    append(sb, "version", c.getVersion());
    append(sb, "purl", c.getPurl());
    return sb.length() == 0 ? "(component without bom-ref, name or purl)" : sb.toString();
  }

  private static void append(StringBuilder sb, String key, String value) {
    if (value == null || value.isBlank()) return;
    if (sb.length() > 0) sb.append(' ');
    sb.append(key).append('=').append(value);
  }
}
