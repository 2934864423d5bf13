package dev.suture.core.version;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The version schemes by name, with the OSV ecosystem names that use them (an advisory's
 * {@code affected[].package.ecosystem}, without its ":release" suffix). Names are case-insensitive.
 */
public final class VersionSchemes {
  private static final Map<String, VersionScheme> BY_NAME = new LinkedHashMap<>();

  static {
    register(new DpkgScheme(), "debian", "ubuntu");
    register(new RpmScheme(), "red hat", "redhat", "rocky linux", "rocky", "almalinux", "alma", "suse", "opensuse");
    register(new ApkScheme(), "alpine");
    register(new SemVerScheme(), "npm", "crates.io");
    register(new MavenScheme());
    register(new Pep440Scheme(), "pypi");
  }

  private VersionSchemes() {}

  private static void register(VersionScheme scheme, String... aliases) {
    BY_NAME.put(scheme.name(), scheme);
    for (String a : aliases) BY_NAME.put(a, scheme);
  }

  /** The scheme for a scheme name or an OSV ecosystem ("Debian:12" → dpkg). */
  public static Optional<VersionScheme> find(String name) {
    if (name == null) return Optional.empty();
    String key = name.strip().toLowerCase(Locale.ROOT);
    int colon = key.indexOf(':');
    if (colon > 0) key = key.substring(0, colon);
    return Optional.ofNullable(BY_NAME.get(key));
  }

  /** The scheme names (not the aliases), for help texts and error messages. */
  public static List<String> names() {
    return BY_NAME.values().stream().map(VersionScheme::name).distinct().toList();
  }

  /** Every accepted name, aliases included. */
  public static List<String> allNames() { return List.copyOf(BY_NAME.keySet()); }
}
