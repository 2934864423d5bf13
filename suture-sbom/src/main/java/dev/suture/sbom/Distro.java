package dev.suture.sbom;

import dev.suture.core.inventory.OsvEcosystems;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The operating-system distributions whose packages Suture maps to an OSV ecosystem, as purls and SBOM
 * operating-system components name them. The release rules themselves are core's
 * {@link OsvEcosystems}, the same ones a host's os-release goes through.
 */
enum Distro {
  DEBIAN("deb", List.of("debian")),
  UBUNTU("deb", List.of("ubuntu")),
  ALPINE("apk", List.of("alpine")),
  ROCKY("rpm", List.of("rocky")),
  // Syft writes os-release's ID ("almalinux"); Trivy writes its OS family ("alma").
  ALMA_LINUX("rpm", List.of("almalinux", "alma")),
  // Syft writes "rhel" (os-release's ID); Trivy and the purl spec's examples write "redhat".
  RED_HAT("rpm", List.of("redhat", "rhel"));

  /** Codenames a distro qualifier may carry instead of a number ({@code distro=bookworm}). */
  private static final Map<String, String> DEBIAN_CODENAMES = Map.of(
      "wheezy", "7", "jessie", "8", "stretch", "9", "buster", "10", "bullseye", "11",
      "bookworm", "12", "trixie", "13", "forky", "14", "duke", "15");
  private static final Map<String, String> UBUNTU_CODENAMES = Map.ofEntries(
      Map.entry("xenial", "16.04"), Map.entry("bionic", "18.04"), Map.entry("focal", "20.04"),
      Map.entry("jammy", "22.04"), Map.entry("kinetic", "22.10"), Map.entry("lunar", "23.04"),
      Map.entry("mantic", "23.10"), Map.entry("noble", "24.04"), Map.entry("oracular", "24.10"),
      Map.entry("plucky", "25.04"), Map.entry("questing", "25.10"));

  final String purlType;
  final List<String> ids;

  Distro(String purlType, List<String> ids) {
    this.purlType = purlType;
    this.ids = ids;
  }

  /** The distro a purl of {@code type} with {@code namespace} belongs to ({@code deb}, {@code debian}). */
  static Optional<Distro> ofPurl(String type, String namespace) {
    if (namespace == null) return Optional.empty();
    String ns = namespace.toLowerCase(Locale.ROOT);
    for (Distro d : values()) {
      if (d.purlType.equals(type) && d.ids.contains(ns)) return Optional.of(d);
    }
    return Optional.empty();
  }

  /** The distro an id names (a distro qualifier's prefix, an operating-system component's name). */
  static Optional<Distro> ofId(String id) {
    String key = id.strip().toLowerCase(Locale.ROOT);
    for (Distro d : values()) {
      if (d.ids.contains(key)) return Optional.of(d);
    }
    return Optional.empty();
  }

  /** True for the package types that belong to an OS distribution (and so need its release). */
  static boolean isDistroType(String type) {
    return "deb".equals(type) || "apk".equals(type) || "rpm".equals(type);
  }

  /**
   * The OSV ecosystem with release for {@code release} (a version such as {@code 12}, {@code 12.5},
   * {@code 3.20.1}, {@code 22.04}, {@code 9.4}, or a Debian/Ubuntu codename); empty when it is not a
   * release the rules know (Debian testing, Alpine edge, an unknown codename).
   */
  Optional<String> ecosystem(String release) {
    String r = release.strip().toLowerCase(Locale.ROOT);
    switch (this) {
      case DEBIAN:
        return OsvEcosystems.debian(DEBIAN_CODENAMES.getOrDefault(r, r));
      case UBUNTU:
        return OsvEcosystems.ubuntu(UBUNTU_CODENAMES.getOrDefault(r, r), null);
      case ALPINE:
        return OsvEcosystems.alpine(r.startsWith("v") ? r.substring(1) : r);
      case ROCKY:
        return OsvEcosystems.rocky(r);
      case ALMA_LINUX:
        return OsvEcosystems.almaLinux(r);
      case RED_HAT:
        return OsvEcosystems.redHatFamily(r);
      default:
        throw new AssertionError(this);
    }
  }

  /** The name used in messages: the first id. */
  String id() { return ids.get(0); }
}
