package dev.suture.core.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The package managers the collector can read, and which one a release uses.
 *
 * <p>Unlike {@link OsRelease#osvEcosystem()}, the choice here may follow {@code ID_LIKE}: it only
 * says which command lists the packages, and a derivative uses its parent's package manager. Which
 * advisories apply is still decided by {@code ID} alone, so a derivative is read but then refused
 * for want of an ecosystem.
 */
public enum PackageManager {
  DPKG("dpkg", DpkgQueryParser.COMMAND, List.of("debian", "ubuntu"), new DpkgQueryParser()::parse),
  RPM("rpm", RpmQueryParser.COMMAND, List.of("rhel", "fedora", "rocky", "almalinux", "centos"), new RpmQueryParser()::parse),
  APK("apk", ApkParser.COMMAND, List.of("alpine"), new ApkParser()::parse);

  private final String label;
  private final String command;
  private final List<String> ids;
  private final Function<String, Parsed<InstalledPackage>> parser;

  PackageManager(String label, String command, List<String> ids, Function<String, Parsed<InstalledPackage>> parser) {
    this.label = label;
    this.command = command;
    this.ids = ids;
    this.parser = parser;
  }

  /** Short name used in an inventory's source ({@code ssh:dpkg}). */
  public String label() { return label; }

  /** The parser's fixed shell command (no input reaches it). */
  public String command() { return command; }

  /** The os-release IDs that name this manager directly. */
  public List<String> ids() { return ids; }

  public Parsed<InstalledPackage> parse(String output) { return parser.apply(output); }

  /** The manager for {@code ID}, else for the first {@code ID_LIKE} entry that names one; empty when none does. */
  public static Optional<PackageManager> of(OsRelease release) {
    List<String> candidates = new ArrayList<>();
    candidates.add(release.id());
    candidates.addAll(release.idLike());
    for (String id : candidates) {
      id = id.toLowerCase(java.util.Locale.ROOT);
      for (PackageManager m : values()) {
        if (m.ids.contains(id)) return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
