package dev.suture.sbom;

/**
 * An SBOM's {@code operating-system} component: Syft writes os-release's ID as name, VERSION_ID as
 * version and PRETTY_NAME as description; Trivy writes its OS family ({@code debian}, {@code alpine},
 * {@code redhat}, {@code alma}) as name and the full release ({@code 12.5}, {@code 3.20.1}) as version.
 */
record OsComponent(String name, String version, String description) {
  OsComponent {
    name = name == null ? "" : name.strip();
    version = version == null ? "" : version.strip();
    description = description == null ? "" : description.strip();
  }

  /** What people call the release, for {@code InventorySnapshot.osName}. */
  String displayName() {
    if (!description.isEmpty()) return description;
    return (name + " " + version).strip();
  }
}
