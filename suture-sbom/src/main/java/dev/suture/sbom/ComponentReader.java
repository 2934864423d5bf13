package dev.suture.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.RpmQueryParser;
import dev.suture.core.version.InvalidVersionException;
import dev.suture.core.version.VersionScheme;
import dev.suture.core.version.VersionSchemes;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;

/**
 * Turns one CycloneDX component into a package of an OSV ecosystem, from its Package URL: which
 * ecosystem (with release, for OS packages), the package name as OSV names it, the installed version,
 * and the source package OS advisories name. A component that cannot be used raises a {@link Problem}
 * that names the field; the caller reports it and goes on with the next component.
 */
final class ComponentReader {
  // Trivy (pkg/sbom/core): source name, and the source version split as epoch, version, release.
  static final String TRIVY_SRC_NAME = "aquasecurity:trivy:SrcName";
  static final String TRIVY_SRC_VERSION = "aquasecurity:trivy:SrcVersion";
  static final String TRIVY_SRC_RELEASE = "aquasecurity:trivy:SrcRelease";
  static final String TRIVY_SRC_EPOCH = "aquasecurity:trivy:SrcEpoch";
  // Syft: the package's metadata fields, each as a "syft:metadata:<field>" property.
  static final String SYFT_SOURCE = "syft:metadata:source";
  static final String SYFT_SOURCE_VERSION = "syft:metadata:sourceVersion";
  static final String SYFT_ORIGIN = "syft:metadata:originPackage";
  static final String SYFT_SOURCE_RPM = "syft:metadata:sourceRpm";

  /** Component types that describe something other than an installed package; never a problem. */
  private static final Set<Component.Type> NOT_PACKAGES = EnumSet.of(
      Component.Type.OPERATING_SYSTEM, Component.Type.FILE, Component.Type.CONTAINER,
      Component.Type.PLATFORM, Component.Type.DEVICE, Component.Type.DEVICE_DRIVER,
      Component.Type.FIRMWARE, Component.Type.DATA, Component.Type.MACHINE_LEARNING_MODEL,
      Component.Type.CRYPTOGRAPHIC_ASSET);
  private static final Pattern PREFIXED_RELEASE = Pattern.compile("([a-z]+)-(.+)");
  private static final Pattern EPOCH = Pattern.compile("([0-9]+):.*");

  /** A component that cannot be used, and why (naming the field). */
  static final class Problem extends Exception {
    Problem(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Optional<OsComponent> os;
  private final String osUnusable;

  /**
   * @param os the SBOM's operating-system component, when it has exactly one
   * @param osUnusable why there is none to fall back on (no such component, or several); used in messages
   */
  ComponentReader(Optional<OsComponent> os, String osUnusable) {
    this.os = os;
    this.osUnusable = osUnusable;
  }

  /** The package, or empty when the component is not a package at all (a file, the OS itself...). */
  Optional<SbomPackage> read(Component c) throws Problem {
    if (c.getType() != null && NOT_PACKAGES.contains(c.getType())) return Optional.empty();
    String purlText = blankToNull(c.getPurl());
    if (purlText == null) {
      // Trivy groups language packages under application components without a purl
      // ("Node.js", a lock file's path); those are containers of packages, not packages.
      if (c.getType() == Component.Type.APPLICATION) return Optional.empty();
      throw new Problem("purl: the component has no purl, so its ecosystem is unknown");
    }
    PackageURL purl;
    try {
      purl = new PackageURL(purlText);
    } catch (MalformedPackageURLException | RuntimeException e) {
      throw new Problem("purl: not a valid package URL: " + e.getMessage());
    }
    Map<String, String> q = purl.getQualifiers() == null ? Map.of() : purl.getQualifiers();
    String version = blankToNull(purl.getVersion());
    if (version == null) version = blankToNull(c.getVersion());
    if (version == null) throw new Problem("version: neither the purl nor the component has a version");

    String type = purl.getType();
    String ecosystem;
    String name;
    Source source;
    if (Distro.isDistroType(type)) {
      Distro distro = Distro.ofPurl(type, purl.getNamespace()).orElseThrow(() -> new Problem(
          "purl: namespace '" + nullToEmpty(purl.getNamespace()) + "' of type '" + type
              + "' is not a distribution Suture maps (" + supported(type) + ")"));
      ecosystem = distroEcosystem(distro, q);
      name = purl.getName();
      if ("rpm".equals(type)) version = rpmVersion(version, q);
      source = distroSource(c, type, name, version, q);
    } else {
      ecosystem = languageEcosystem(type);
      name = languageName(type, purl);
      source = new Source(name, version);
    }
    checkVersion(ecosystem, "version", version);
    if (!source.version.equals(version)) checkVersion(ecosystem, "source version", source.version);
    InstalledPackage installed = new InstalledPackage(name, source.name, version, source.version,
        nullToEmpty(q.get("arch")));
    return Optional.of(new SbomPackage(ecosystem, installed, purl.canonicalize(), c.getBomRef()));
  }

  // --- ecosystems ---------------------------------------------------------------------------

  private static String languageEcosystem(String type) throws Problem {
    switch (type) {
      case "npm": return "npm";
      case "pypi": return "PyPI";
      case "maven": return "Maven";
      case "golang": return "Go";
      case "cargo": return "crates.io";
      case "gem": return "RubyGems";
      case "nuget": return "NuGet";
      default:
        throw new Problem("purl: type '" + type + "' has no OSV ecosystem Suture maps"
            + " (deb, apk, rpm, npm, pypi, maven, golang, cargo, gem, nuget)");
    }
  }

  /** The package name as the OSV ecosystem writes it. */
  private static String languageName(String type, PackageURL purl) throws Problem {
    String ns = blankToNull(purl.getNamespace());
    switch (type) {
      case "maven":
        // OSV names Maven packages groupId:artifactId.
        if (ns == null) throw new Problem("purl: a maven purl needs a namespace (the groupId)");
        return ns + ":" + purl.getName();
      case "npm":   // "@scope/name"
      case "golang": // the module path, "github.com/org/repo"
        return ns == null ? purl.getName() : ns + "/" + purl.getName();
      default:
        return purl.getName();
    }
  }

  /**
   * The release from the {@code distro} qualifier ({@code debian-12}, {@code bookworm},
   * {@code ubuntu-22.04}, {@code 3.20.1}, {@code alpine-3.20}, {@code rocky-9.3}); when it has none
   * or one that names no release, the SBOM's operating-system component's.
   */
  private String distroEcosystem(Distro distro, Map<String, String> q) throws Problem {
    String value = blankToNull(q.get("distro"));
    String why;
    if (value == null) {
      why = "purl has no distro qualifier";
    } else {
      String release = value;
      Matcher m = PREFIXED_RELEASE.matcher(value.strip().toLowerCase(Locale.ROOT));
      if (m.matches()) {
        Optional<Distro> named = Distro.ofId(m.group(1));
        if (named.isPresent() && named.get() != distro) {
          // Contradicting identities: guessing either way could apply another release's advisories.
          throw new Problem("purl: distro qualifier '" + value + "' names " + named.get().id()
              + " but the namespace is " + distro.id());
        }
        if (named.isPresent()) release = m.group(2);
      }
      Optional<String> ecosystem = distro.ecosystem(release);
      if (ecosystem.isPresent()) return ecosystem.get();
      why = "purl distro qualifier '" + value + "' names no " + distro.id() + " release Suture maps";
    }
    if (os.isEmpty()) throw new Problem(why + ", and " + osUnusable);
    OsComponent o = os.get();
    Optional<Distro> osDistro = Distro.ofId(o.name());
    if (osDistro.isEmpty() || osDistro.get() != distro) {
      throw new Problem(why + ", and the SBOM's operating-system component is '" + o.name()
          + "', not " + distro.id());
    }
    return distro.ecosystem(o.version()).orElseThrow(() -> new Problem(why
        + ", and the operating-system component's version '" + o.version() + "' names none either"));
  }

  // --- versions and source packages ---------------------------------------------------------

  /** rpm's EVR: the purl spec carries the epoch in the {@code epoch} qualifier (0 is left out, as rpm prints it). */
  private static String rpmVersion(String version, Map<String, String> q) throws Problem {
    String epoch = blankToNull(q.get("epoch"));
    if (epoch == null || EPOCH.matcher(version).matches()) return version;
    if (!epoch.matches("[0-9]{1,10}")) throw new Problem("purl: epoch qualifier '" + epoch + "' is not a number");
    return epochPrefix(epoch) + version;
  }

  private record Source(String name, String version) {}

  private Source distroSource(Component c, String type, String name, String version, Map<String, String> q)
      throws Problem {
    String trivyName = property(c, TRIVY_SRC_NAME);
    if (trivyName != null) return new Source(trivyName, trivySourceVersion(c, version));
    switch (type) {
      case "deb": {
        String syft = property(c, SYFT_SOURCE);
        if (syft != null) return new Source(syft, orElse(property(c, SYFT_SOURCE_VERSION), version));
        // Syft's purl: upstream=NAME when only the name differs, NAME@VERSION when the version does too
        // (dpkg's "Source: name (version)").
        String upstream = blankToNull(q.get("upstream"));
        if (upstream != null) {
          int at = upstream.indexOf('@');
          return at > 0 ? new Source(upstream.substring(0, at), upstream.substring(at + 1)) : new Source(upstream, version);
        }
        return new Source(name, version);
      }
      case "apk": {
        // apk subpackages share their origin's version, so only the name differs.
        String origin = property(c, SYFT_ORIGIN);
        if (origin == null) origin = blankToNull(q.get("upstream"));
        return new Source(origin == null ? name : origin, version);
      }
      case "rpm": {
        String file = property(c, SYFT_SOURCE_RPM);
        if (file == null) file = blankToNull(q.get("upstream"));
        if (file == null) return new Source(name, version);
        String[] nvr = RpmQueryParser.splitSourceRpm(file);
        if (nvr == null) throw new Problem("source RPM '" + file + "' is not name-version-release.src.rpm");
        // A source RPM's file name has no epoch; every binary built from the spec shares it.
        Matcher e = EPOCH.matcher(version);
        return new Source(nvr[0], (e.matches() ? e.group(1) + ":" : "") + nvr[1] + "-" + nvr[2]);
      }
      default:
        throw new AssertionError(type);
    }
  }

  /** [epoch:]version[-release] from Trivy's split properties; the binary's version when absent. */
  private static String trivySourceVersion(Component c, String binaryVersion) {
    String v = property(c, TRIVY_SRC_VERSION);
    if (v == null) return binaryVersion;
    String epoch = property(c, TRIVY_SRC_EPOCH);
    String release = property(c, TRIVY_SRC_RELEASE);
    return (epoch == null ? "" : epochPrefix(epoch)) + v + (release == null ? "" : "-" + release);
  }

  private static String epochPrefix(String epoch) {
    String stripped = epoch.replaceFirst("^0+", "");
    return stripped.isEmpty() ? "" : stripped + ":";
  }

  /**
   * A version the matcher could not order would silently match nothing, so it is refused here, as the
   * host parsers refuse it. Ecosystems without a scheme in core (Go, RubyGems, NuGet) are not checked.
   */
  private static void checkVersion(String ecosystem, String field, String version) throws Problem {
    Optional<VersionScheme> scheme = VersionSchemes.find(ecosystem);
    if (scheme.isEmpty()) return;
    try {
      scheme.get().compare(version, version);
    } catch (InvalidVersionException e) {
      throw new Problem(field + " '" + version + "' is not a valid " + scheme.get().name() + " version: "
          + e.getMessage());
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  /** The first non-blank value of a property, or null. */
  static String property(Component c, String name) {
    List<Property> props = c.getProperties();
    if (props == null) return null;
    for (Property p : props) {
      if (name.equals(p.getName()) && blankToNull(p.getValue()) != null) return p.getValue().strip();
    }
    return null;
  }

  private static String supported(String type) {
    StringBuilder sb = new StringBuilder();
    for (Distro d : Distro.values()) {
      if (!d.purlType.equals(type)) continue;
      if (sb.length() > 0) sb.append(", ");
      sb.append(String.join("/", d.ids));
    }
    return sb.toString();
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
