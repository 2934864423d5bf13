package dev.suture.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Package-manager presets for {@code executor.preset}: the argv that install a package at
 * {@code {{patch.version}}}, print its installed version, and tell whether the host needs a
 * reboot. Expanded by the plan reader, so a stored plan holds plain argv and the engine never
 * sees a preset. Everything is an argv list; the package name is validated by {@link #PACKAGE_NAME}
 * and only ever becomes (part of) one element. The only placeholder is {@code {{patch.version}}};
 * {@code ${Version}} and {@code %{VERSION}} are literal text for dpkg-query and rpm (the template
 * renderer only touches {@code {{...}}}).
 *
 * <p>None of the presets refreshes the package index first (that would need a second command):
 * dnf/yum and zypper refresh expired metadata themselves and {@code apk add --no-cache} always
 * fetches the index, but apt only knows versions from its last {@code apt-get update}; keep the
 * index current (apt's periodic update, or an explicit {@code apply}).
 */
public enum PackagePreset {
  APT,
  DNF,
  YUM,
  ZYPPER,
  APK;

  /** Debian/RPM/Alpine package names, optionally with an architecture ({@code openssl:amd64}). */
  public static final Pattern PACKAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._:@-]*");

  private static final String VERSION = "{{patch.version}}";

  /**
   * apk prints "NAME-VERSION" and has no option to print only the version, so the probe is this
   * fixed script. Like every script Suture generates it never contains plan input: the package
   * name arrives as positional parameter $1 and is only used quoted. A name that some other
   * package provides prints that package's name, the prefix is then not stripped and the version
   * simply does not match (the target fails; nothing is taken for granted).
   */
  static final String APK_VERSION_SCRIPT = """
      set -eu
      out=$(apk info -e -v "$1")
      printf '%s\\n' "${out#"$1"-}"
      """;

  public String id() { return name().toLowerCase(Locale.ROOT); }

  public static Optional<PackagePreset> byId(String id) {
    for (PackagePreset p : values()) if (p.id().equals(id)) return Optional.of(p);
    return Optional.empty();
  }

  public static List<String> ids() { return List.of(values()).stream().map(PackagePreset::id).toList(); }

  /** Installs {@code pkg} at {@code {{patch.version}}}. */
  public List<String> apply(String pkg, boolean become) {
    return sudo(become, switch (this) {
      // --only-upgrade: a patch never installs a package the host did not have.
      // --force-confold: keep locally modified configuration files instead of prompting (which
      // would hang a non-interactive run) or silently replacing them.
      case APT -> List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "--only-upgrade",
          "-o", "Dpkg::Options::=--force-confold", pkg + "=" + VERSION);
      // NAME-VERSION-RELEASE: rpm's NEVR spelling; patch.version is VERSION-RELEASE (no epoch),
      // which is also what the version probe prints.
      case DNF -> List.of("dnf", "-y", "-q", "install", pkg + "-" + VERSION);
      case YUM -> List.of("yum", "-y", "-q", "install", pkg + "-" + VERSION);
      // --non-interactive is the global flag that makes zypper never prompt; -y (--no-confirm)
      // on install is the same answer for the install command itself.
      case ZYPPER -> List.of("zypper", "--non-interactive", "--quiet", "install", "-y", pkg + "=" + VERSION);
      // --no-cache: fetch the index now and keep no cache, so the requested version is known.
      case APK -> List.of("apk", "add", "--no-cache", pkg + "=" + VERSION);
    });
  }

  /** Prints the installed version of {@code pkg}, in the same spelling as {@code patch.version}. */
  public List<String> version(String pkg, boolean become) {
    return sudo(become, switch (this) {
      case APT -> List.of("dpkg-query", "-W", "-f=${Version}", pkg);
      // No trailing newline in the format: one installed instance prints exactly VERSION-RELEASE.
      // Several installed instances (multilib, kernels) print a concatenation that matches no
      // version, so the target fails instead of being guessed at.
      case DNF, YUM, ZYPPER -> List.of("rpm", "-q", "--qf", "%{VERSION}-%{RELEASE}", pkg);
      case APK -> List.of("sh", "-c", APK_VERSION_SCRIPT, "suture-apk-version", pkg);
    });
  }

  /** The reboot-required probe, if the package manager has one. */
  public Optional<List<String>> rebootRequired(boolean become) {
    return switch (this) {
      // Written by update-notifier-common / unattended-upgrades hooks when a package asks for a reboot.
      case APT -> Optional.of(sudo(become, List.of("test", "-e", "/var/run/reboot-required")));
      // needs-restarting (dnf-plugins-core / yum-utils) -r: exit 1 = reboot required, 0 = not.
      case DNF, YUM -> Optional.of(sudo(become, List.of("needs-restarting", "-r")));
      // exit 102 (ZYPPER_EXIT_INF_REBOOT_NEEDED) = reboot required, 0 = not.
      case ZYPPER -> Optional.of(sudo(become, List.of("zypper", "needs-rebooting")));
      case APK -> Optional.empty();
    };
  }

  /** Exit codes of {@link #rebootRequired} that mean "reboot required". */
  public Set<Integer> rebootRequiredExitCodes() {
    return switch (this) {
      case APT -> Set.of(0);
      case DNF, YUM -> Set.of(1);
      case ZYPPER -> Set.of(102);
      case APK -> Set.of();
    };
  }

  /** {@code sudo -n} (never prompt: fail instead of hanging on a password) in front of argv when become is set. */
  public static List<String> sudo(boolean become, List<String> argv) {
    if (!become) return argv;
    List<String> out = new ArrayList<>(argv.size() + 2);
    out.add("sudo");
    out.add("-n");
    out.addAll(argv);
    return List.copyOf(out);
  }
}
